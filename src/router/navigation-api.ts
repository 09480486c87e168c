import { createCheckWaiter, type GuardOptions } from './wait-for-check.js';

/**
 * Wraps the handler an app passes to `NavigateEvent.intercept()` (the Navigation API used as a
 * router): the caches are checked before the handler renders the new view. The navigation is
 * neither cancelled nor redirected, and an app that does not intercept is not affected.
 *
 * @example
 * navigation.addEventListener('navigate', (event) => {
 *   if (!event.canIntercept) return;
 *   event.intercept({ handler: checkCachesBefore(() => renderRoute(new URL(event.destination.url))) });
 * });
 */
export function checkCachesBefore<Result>(handler: () => Result | Promise<Result>, options?: GuardOptions): () => Promise<Result> {
  if (__DEV__ && typeof handler !== 'function') {
    throw new TypeError('local-sync-cache/router: checkCachesBefore() needs the navigation handler to wrap, e.g. checkCachesBefore(() => render(url)).');
  }
  const waitForCheck = createCheckWaiter(options);
  return async () => {
    await waitForCheck();
    return handler();
  };
}

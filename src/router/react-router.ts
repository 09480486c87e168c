import { createCheckWaiter, type GuardOptions } from './wait-for-check.js';

/**
 * Wraps a React Router loader (or `clientLoader`, or action) so the caches are checked before
 * it runs: data read from a `LocalSyncCache` inside it is never older than the last clear.
 * Arguments and result pass through untouched.
 *
 * @example
 * import { withCacheCheck } from 'local-sync-cache/router';
 * createBrowserRouter([{ path: '/pages/:id', loader: withCacheCheck(pageLoader), Component: Page }]);
 */
export function withCacheCheck<Args extends unknown[], Result>(
  loader: (...args: Args) => Result,
  options?: GuardOptions,
): (...args: Args) => Promise<Awaited<Result>> {
  if (typeof loader !== 'function') {
    throw new TypeError('local-sync-cache/router: withCacheCheck() needs the loader function to wrap, e.g. withCacheCheck(pageLoader).');
  }
  const waitForCheck = createCheckWaiter(options);
  return async (...args: Args): Promise<Awaited<Result>> => {
    await waitForCheck();
    const result: Awaited<Result> = await loader(...args);
    return result;
  };
}

/**
 * A React Router client middleware (with `future.v8_middleware`) for the root route: every
 * navigation checks the caches before any loader runs.
 *
 * @example
 * createBrowserRouter([{ path: '/', middleware: [cacheCheckMiddleware()], children }], { future: { v8_middleware: true } });
 */
export function cacheCheckMiddleware(options?: GuardOptions): (args: unknown, next: () => Promise<unknown>) => Promise<unknown> {
  const waitForCheck = createCheckWaiter(options);
  return async (_args, next) => {
    await waitForCheck();
    return next();
  };
}

import { onCachesEmptied, type Emptiable } from './on-caches-emptied.js';
import type { LocalSyncCache } from '../local-sync-cache.js';
import { createCheckWaiter, type GuardOptions } from './wait-for-check.js';

/** What {@link revalidateOnClear} uses of a React Router data router. */
export interface ReactRouterLike {
  revalidate(): unknown;
}

/**
 * Wraps a React Router loader (or `clientLoader`, or action) so the caches are checked before
 * it runs: data read from a `LocalSyncCache` inside it is never older than the last clear.
 * Arguments and result pass through untouched. If the navigation was aborted while the check
 * ran (for instance because the check emptied a cache and `revalidateOnClear()` restarted it),
 * the loader is not run at all: the restarted navigation runs it, once.
 *
 * @example
 * import { withCacheCheck } from 'local-sync-cache/router';
 * createBrowserRouter([{ path: '/pages/:id', loader: withCacheCheck(pageLoader), Component: Page }]);
 */
export function withCacheCheck<Args extends unknown[], Result>(
  loader: (...args: Args) => Result,
  options?: GuardOptions,
): (...args: Args) => Promise<Awaited<Result>> {
  if (__DEV__ && typeof loader !== 'function') {
    throw new TypeError('local-sync-cache/router: withCacheCheck() needs the loader function to wrap, e.g. withCacheCheck(pageLoader).');
  }
  const waitForCheck = createCheckWaiter(options);
  return async (...args: Args): Promise<Awaited<Result>> => {
    await waitForCheck();
    throwIfAborted(args[0]);
    const result: Awaited<Result> = await loader(...args);
    return result;
  };
}

/**
 * A React Router client middleware (with `future.v8_middleware`) for the root route: every
 * navigation checks the caches before any loader runs. Like {@link withCacheCheck}, it runs no
 * loader of a navigation that was aborted while it waited.
 *
 * @example
 * createBrowserRouter([{ path: '/', middleware: [cacheCheckMiddleware()], children }], { future: { v8_middleware: true } });
 */
export function cacheCheckMiddleware(options?: GuardOptions): (args: unknown, next: () => Promise<unknown>) => Promise<unknown> {
  const waitForCheck = createCheckWaiter(options);
  return async (args, next) => {
    await waitForCheck();
    throwIfAborted(args);
    return next();
  };
}

/** `revalidateOnClear()` for React Router: see there. */
export function revalidateReactRouter(router: ReactRouterLike, caches: ReadonlyArray<LocalSyncCache<any, any> | Emptiable>): () => void {
  return onCachesEmptied('local-sync-cache/router: revalidateOnClear()', caches, () => {
    // revalidate() while a navigation loads aborts its loader requests and starts it again with
    // every loader revalidating: the guard wrappers above see the abort and step aside.
    Promise.resolve(router.revalidate()).catch(() => undefined);
  });
}

/**
 * React Router hands loaders and middleware `{ request }`; once its signal is aborted the router
 * ignores whatever they return, so running the app's loader would only cost a request.
 */
function throwIfAborted(args: unknown): void {
  const signal = (args as { request?: { signal?: AbortSignal } } | null | undefined)?.request?.signal;
  if (signal?.aborted) throw signal.reason ?? new DOMException('The navigation was aborted.', 'AbortError');
}

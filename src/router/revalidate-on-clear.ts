import { describeValue, errorText } from '../errors.js';
import type { LocalSyncCache } from '../local-sync-cache.js';
import type { Emptiable } from './on-caches-emptied.js';
import { revalidateReactRouter, type ReactRouterLike } from './react-router.js';
import { invalidateTanStackRouter, type TanStackRouterLike } from './tanstack-router.js';
import { rerunVueRoute, type VueRouterLike } from './vue-router.js';

/** A router {@link revalidateOnClear} knows: told apart by shape, so no router package is imported. */
export type RevalidatingRouter = ReactRouterLike | TanStackRouterLike | VueRouterLike;

/**
 * Makes `router` reload its data whenever one of `caches` is emptied: by a clear in this tab or
 * another one, by a check (auto-check, or the router guard of a navigation), or as a precaution
 * (a page restored from the back/forward cache). A router keeps its own copy of what its loaders
 * returned, so emptying the cache alone leaves the page showing old data.
 *
 * - React Router (a data router from `createBrowserRouter` & co.): `router.revalidate()`. When the
 *   emptying happens while `withCacheCheck()` or `cacheCheckMiddleware()` holds a navigation's
 *   loaders back, React Router restarts the navigation and the held-back loaders, whose request
 *   is now aborted, return without running: each loader runs once.
 * - TanStack Router: `router.invalidate()`, which also marks preloaded matches (`defaultPreload:
 *   'intent'`) invalid, so a link hovered before the clear loads again when clicked.
 * - Vue Router (which keeps no loader data of its own): the current location is navigated to again
 *   with `force: true`, so `beforeEach`, `beforeRouteUpdate` and `beforeResolve` guards that load
 *   the route's data run again. An emptying found by `checkCachesBeforeEach()` is skipped: the
 *   navigation it guards loads its data after it anyway. One that lands while another navigation is
 *   under way re-runs the route once that navigation has ended.
 *
 * Emptyings in one task (one check emptying several caches) cause one revalidation.
 *
 * @param router the app's router instance.
 * @param caches the caches the router's loaders (or guards) read.
 * @returns the function that stops revalidating.
 * @example
 * import { revalidateOnClear, withCacheCheck } from 'local-sync-cache/router';
 * const router = createBrowserRouter([{ path: '/pages/:id', loader: withCacheCheck(pageLoader), Component: Page }]);
 * revalidateOnClear(router, [pageUrls]);
 */
export function revalidateOnClear(router: RevalidatingRouter, caches: ReadonlyArray<LocalSyncCache<any, any> | Emptiable>): () => void {
  const candidate = router as unknown as Record<string, unknown> | null;
  if (typeof candidate === 'object' && candidate !== null) {
    if (typeof candidate.revalidate === 'function') return revalidateReactRouter(router as ReactRouterLike, caches);
    if (typeof candidate.invalidate === 'function') return invalidateTanStackRouter(router as TanStackRouterLike, caches);
    if (typeof candidate.replace === 'function' && typeof candidate.afterEach === 'function' && 'currentRoute' in candidate) {
      return rerunVueRoute(router as VueRouterLike, caches);
    }
  }
  throw new TypeError(
    errorText(
      'bad-router',
      __DEV__ &&
        `local-sync-cache/router: revalidateOnClear() needs a React Router data router, a TanStack router or a Vue router, got ${describeValue(router)}; pass what createBrowserRouter() or createRouter() returned.`,
    ),
  );
}

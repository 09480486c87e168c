import type { LocalSyncCache } from '../local-sync-cache.js';
import { onCachesEmptied, type Emptiable } from './on-caches-emptied.js';
import { createCheckWaiter, type GuardOptions } from './wait-for-check.js';

/** What {@link revalidateOnClear} uses of a TanStack router. */
export interface TanStackRouterLike {
  invalidate(options?: object): unknown;
}

/**
 * A `beforeLoad` for TanStack Router's root route, which runs on every navigation. It returns
 * nothing, so the route context is unchanged, and never throws a redirect.
 *
 * @example
 * import { checkCachesBeforeLoad } from 'local-sync-cache/router';
 * const rootRoute = createRootRoute({ beforeLoad: checkCachesBeforeLoad(), component: Layout });
 */
export function checkCachesBeforeLoad(options?: GuardOptions): () => Promise<void> {
  const waitForCheck = createCheckWaiter(options);
  return () => waitForCheck();
}

/** `revalidateOnClear()` for TanStack Router: see there. */
export function invalidateTanStackRouter(router: TanStackRouterLike, caches: ReadonlyArray<LocalSyncCache<any, any> | Emptiable>): () => void {
  return onCachesEmptied('local-sync-cache/router: revalidateOnClear()', caches, () => {
    // invalidate() marks the current, pending, cached and preloaded matches invalid (preloaded
    // data would otherwise be reused for preloadStaleTime, 30 s by default) and reloads.
    Promise.resolve(router.invalidate()).catch(() => undefined);
  });
}

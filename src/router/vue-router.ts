import type { LocalSyncCache } from '../local-sync-cache.js';
import { guardIsChecking } from './guard-activity.js';
import { onCachesEmptied, type Emptiable } from './on-caches-emptied.js';
import { createCheckWaiter, type GuardOptions } from './wait-for-check.js';

/** What {@link revalidateOnClear} uses of a Vue router (Vue Router 4). */
export interface VueRouterLike {
  readonly currentRoute: { readonly value: { readonly path: string; readonly query: Record<string, any>; readonly hash: string } };
  replace(to: { path: string; query: Record<string, any>; hash: string; force: true }): Promise<unknown>;
  beforeEach(guard: () => void): () => void;
  afterEach(guard: () => void): () => void;
  onError(handler: () => void): () => void;
}

/**
 * A global guard for Vue Router: `router.beforeEach(checkCachesBeforeEach())`. It resolves to
 * `undefined`, which Vue Router reads as "go on", so it never cancels or redirects.
 *
 * @example
 * import { checkCachesBeforeEach } from 'local-sync-cache/router';
 * router.beforeEach(checkCachesBeforeEach());
 */
export function checkCachesBeforeEach(options?: GuardOptions): () => Promise<undefined> {
  const waitForCheck = createCheckWaiter(options);
  return async () => {
    await waitForCheck();
    return undefined;
  };
}

/** `revalidateOnClear()` for Vue Router: see there. */
export function rerunVueRoute(router: VueRouterLike, caches: ReadonlyArray<LocalSyncCache<any, any> | Emptiable>): () => void {
  let navigating = false;
  let rerunWhenSettled = false;
  const rerun = (): void => {
    const { path, query, hash } = router.currentRoute.value;
    // force: Vue Router otherwise refuses a navigation to the location it is already at.
    router.replace({ path, query, hash, force: true }).catch(() => undefined);
  };
  const settled = (): void => {
    navigating = false;
    if (!rerunWhenSettled) return;
    rerunWhenSettled = false;
    // After the navigation is finalised, so the re-run does not cancel it.
    queueMicrotask(rerun);
  };
  const detach = [
    router.beforeEach(() => {
      navigating = true;
    }),
    router.afterEach(settled),
    router.onError(settled),
    onCachesEmptied('local-sync-cache/router: revalidateOnClear()', caches, () => {
      // checkCachesBeforeEach() runs before the route's data guards: they will read fresh data.
      if (guardIsChecking()) return;
      // Navigating again now would cancel the navigation under way; its data may be older than
      // the clear, so the route runs once more after it.
      if (navigating) rerunWhenSettled = true;
      else rerun();
    }),
  ];
  return () => {
    for (const stop of detach) stop();
  };
}

import { createCheckWaiter, type GuardOptions } from './wait-for-check.js';

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

import { createCheckWaiter, type GuardOptions } from './wait-for-check.js';

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

import { type CheckResult, createSyncHub, type SyncHub } from './sync-hub.js';

let defaultHub: SyncHub | undefined;

/**
 * The hub that caches use when given none. Created on first use, not at import, so importing
 * the library opens nothing; created anew after it was closed.
 */
export function getDefaultHub(): SyncHub {
  if (!defaultHub || defaultHub.closed) defaultHub = createSyncHub();
  return defaultHub;
}

/**
 * Checks every cache on the default hub against the shared markers in one IndexedDB
 * transaction and empties those another realm cleared. Concurrent calls coalesce. Call it in
 * a router guard, or let `installAutoCheck()` call it.
 *
 * @example
 * router.beforeEach(async () => { await checkAll(); });
 */
export function checkAll(): Promise<CheckResult> {
  return defaultHub && !defaultHub.closed ? defaultHub.checkAll() : Promise.resolve({ checked: [], emptied: [] });
}

/** The default hub if it exists and is open, without creating it. @internal */
export function peekDefaultHub(): SyncHub | undefined {
  return defaultHub && !defaultHub.closed ? defaultHub : undefined;
}

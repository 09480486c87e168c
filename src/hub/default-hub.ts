import type { CacheInformationRow } from '../cache-information.js';
import { formatInformationRows } from '../cache-information.js';
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

/**
 * One plain row per cache on the default hub, ready for `console.table`.
 * @example
 * console.table(getCacheInformation());
 */
export function getCacheInformation(): CacheInformationRow[] {
  return defaultHub && !defaultHub.closed ? defaultHub.getCacheInformation() : [];
}

/** The same information as a readable text block. */
export function formatCacheInformation(): string {
  return formatInformationRows(getCacheInformation());
}

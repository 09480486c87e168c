import type { ClearCause } from '../clear-cause.js';

/**
 * What a hub keeps for each registered cache or watcher: how to empty it, and its counters.
 * @internal
 */
export interface CacheRecord {
  readonly id: string;
  /** The entries, for sizes in information rows; absent for a watcher (`hub.watch`). */
  readonly cache: ReadonlyMap<unknown, unknown> | undefined;
  /** Empties the cache and refuses fills in flight. */
  readonly empty: (cause: ClearCause) => void;
  /** Refuses fills in flight without emptying (the cache holds nothing to drop). */
  readonly refuseFills: () => void;
  /**
   * Checks of this record's own (`checkState()`), minus the hub's `checkAll()` runs before it was
   * added: its check count is this plus the hub's runs (SyncHub.checkRuns), so a check of many
   * caches does not have to visit every record to count.
   */
  checks: number;
  ownClears: number;
  externalClears: number;
  precautionClears: number;
  /** Loads whose result was not stored because the cache was emptied while they ran. */
  discardedFills: number;
  lastReset: number;
}

export function createRecord(id: string, cache: ReadonlyMap<unknown, unknown> | undefined, empty: (cause: ClearCause) => void, refuseFills: () => void, now: number, checkRuns: number): CacheRecord {
  return { id, cache, empty, refuseFills, checks: -checkRuns, ownClears: 0, externalClears: 0, precautionClears: 0, discardedFills: 0, lastReset: now };
}

/**
 * Counts an emptying under its cause and carries it out. A precaution finds nothing to drop in an
 * empty cache: it only refuses fills in flight, uncounted and unannounced (a page that just
 * started, or was just emptied, would otherwise report a spurious clear of nothing). Watchers
 * have no entries to look at and always hear it.
 */
export function emptyRecord(record: CacheRecord, cause: ClearCause, now: number): void {
  if (cause === 'precaution' && record.cache?.size === 0) {
    record.refuseFills();
    return;
  }
  if (cause === 'own') record.ownClears += 1;
  else if (cause === 'precaution') record.precautionClears += 1;
  else record.externalClears += 1;
  record.lastReset = now;
  record.empty(cause);
}

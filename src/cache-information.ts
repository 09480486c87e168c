import { markerLabel, sameMarker } from './core/marker.js';
import { peekDefaultHub } from './hub/default-hub.js';
import type { SyncHub } from './hub/sync-hub.js';

/** One row per cache of a realm, plain values, ready for `console.table`. */
export interface CacheInformationRow {
  /** The cache id. */
  id: string;
  /** Entries held now. */
  size: number;
  /** Whether the marker this realm has adopted was written by a clear in this realm. */
  clearedHere: boolean;
  /** The adopted marker as `epoch:generation`, or `(none)` / `(unknown)` before the first read. */
  marker: string;
  /** When the adopted marker was written, by the clearing realm's clock (ISO 8601), or `''`. */
  markerTime: string;
  /** When this instance was last emptied or created, by this realm's clock (ISO 8601). */
  lastReset: string;
  /** Checks run on this instance (`checkState()` and `checkAll()`). */
  checks: number;
  /** Clears called on this instance. */
  ownClears: number;
  /** Emptyings caused by a clear elsewhere (a nudge, a check, or a same-id instance here). */
  externalClears: number;
  /** Emptyings made only to be safe (spurious clears); see {@link ClearCause}. */
  precautionClears: number;
  /** Loads whose result was not stored because a clear came while they ran (stale fills prevented). */
  discardedFills: number;
  /** Caches created with this id in this realm so far; more than 1 usually means a module was evaluated twice. */
  initCount: number;
  /** How far clears reach: `indexeddb`, `memory` or `local-only`. */
  sharing: string;
}

const LABELS: ReadonlyArray<readonly [keyof CacheInformationRow, string]> = [
  ['id', 'id'],
  ['size', 'size'],
  ['sharing', 'sharing'],
  ['marker', 'marker'],
  ['markerTime', 'marker time'],
  ['clearedHere', 'cleared here'],
  ['lastReset', 'last reset'],
  ['checks', 'checks'],
  ['ownClears', 'own clears'],
  ['externalClears', 'external clears'],
  ['precautionClears', 'precaution clears'],
  ['discardedFills', 'discarded fills'],
  ['initCount', 'init count'],
];

/**
 * One plain row per cache of `hub`, ready for `console.table`. A module function rather than a
 * hub method, so an app that never calls it does not ship it.
 * @param hub @default the default hub (no rows when it was never created)
 * @example
 * console.table(getCacheInformation());
 */
export function getCacheInformation(hub: SyncHub | undefined = peekDefaultHub()): CacheInformationRow[] {
  return hub && !hub.closed ? informationRows(hub) : [];
}

/**
 * The same information as a readable text block, one section per cache.
 * @param hub @default the default hub
 */
export function formatCacheInformation(hub?: SyncHub): string {
  return formatInformationRows(getCacheInformation(hub));
}

function formatInformationRows(rows: readonly CacheInformationRow[]): string {
  if (rows.length === 0) return 'local-sync-cache: no caches in this realm';
  const width = Math.max(...LABELS.map(([, label]) => label.length));
  return rows
    .map((row) => ['-'.repeat(40), ...LABELS.map(([key, label]) => `${label.padStart(width)}: ${String(row[key])}`)].join('\n'))
    .join('\n');
}

/** One row per cache (not per watcher) of a hub. */
function informationRows(hub: SyncHub): CacheInformationRow[] {
  const rows: CacheInformationRow[] = [];
  const sharing = hub.sharing;
  for (const [id, { state, records, own, initCount }] of hub.inspect()) {
    const adopted = state.adopted ?? null;
    for (const record of records) {
      if (!record.cache) continue;
      rows.push({
        id,
        size: record.cache.size,
        clearedHere: own !== undefined && sameMarker(own, adopted),
        marker: state.adopted === undefined ? '(unknown)' : markerLabel(adopted),
        markerTime: adopted ? new Date(adopted.time).toISOString() : '',
        lastReset: new Date(record.lastReset).toISOString(),
        checks: record.checks + hub.checkRuns,
        ownClears: record.ownClears,
        externalClears: record.externalClears,
        precautionClears: record.precautionClears,
        discardedFills: record.discardedFills,
        initCount,
        sharing,
      });
    }
  }
  return rows;
}

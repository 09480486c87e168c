// One tab of the concurrency test. Each tab runs a few async loops that, at random:
// - change the data and clear the cache (the app's "save"),
// - read through the cache, loading and storing on a miss (half via getOrLoad, half via
//   fillToken/setIfFresh); a load reads the data, then works on it for a moment, so clears
//   from other tabs land while loads run,
// - read behind a router-guard-style `await checkAll()`.
//
// The invariant checked on every cache hit: the value's data version is at least `known`, the
// highest version whose clear this tab must already reflect. A tab learns such a version only
// through a path that, by the library's contract, has already emptied the cache:
// - its own clear() (empties at once),
// - another tab's announcement, sent after that tab's clear() resolved on the same channel
//   object as its nudge, so it arrives after the nudge (see shared/test-notifier.ts),
// - the shared log read BEFORE a checkAll(), raised only once that check resolved.
// A value of an older version was loaded from data read before that change, so its load began
// before the clear: it must have been dropped, or never stored (invariants 1 and 2 of the design).
import { type CacheInformationRow, createSyncHub, type HubDiagnostics, LocalSyncCache, type Marker, getCacheInformation } from 'local-sync-cache';
import { createDataLog } from './shared/data-log';
import { createTestNotifier } from './shared/test-notifier';

interface Value {
  version: number;
  storedBy: string;
}

export interface WorkloadOptions {
  /** Clears this tab performs in all. */
  clears: number;
  /** Async loops running at once in this tab. */
  loops: number;
  /** Distinct keys read. */
  keys: number;
}

export interface WorkloadResult {
  clears: number;
  hits: number;
  misses: number;
  guardedReads: number;
  /** Hits checked against a `known` above 0, i.e. after some clear was known. */
  checkedHits: number;
  violations: string[];
  errors: string[];
  rows: CacheInformationRow[];
  diagnostics: HubDiagnostics;
}

export interface WorkloadApi {
  isReady(): boolean;
  run(options: WorkloadOptions): Promise<WorkloadResult>;
  checkAll(): Promise<void>;
  adopted(): Marker | null | undefined;
}

declare global {
  interface Window {
    workload: WorkloadApi;
  }
}

const tabName = new URLSearchParams(location.search).get('tab') ?? 'tab';
const errors: string[] = [];
const notifier = createTestNotifier('local-sync-cache:concurrency');
const hub = createSyncHub({ namespace: 'concurrency', notifier, onError: (error) => errors.push(String(error)) });
const cache = new LocalSyncCache<string, Value>('items', { hub });
const data = createDataLog('e2e-concurrency-data');

/** The highest data version whose clear this tab must already reflect (see the top of the file). */
let known = 0;
notifier.onAnnouncement((payload) => {
  known = Math.max(known, (payload as { version: number }).version);
});

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function run(options: WorkloadOptions): Promise<WorkloadResult> {
  const result: WorkloadResult = { clears: 0, hits: 0, misses: 0, guardedReads: 0, checkedHits: 0, violations: [], errors, rows: [], diagnostics: hub.diagnostics };
  let clearsLeft = options.clears;

  const read = async (key: string): Promise<void> => {
    const knownAtRead = known;
    const value = cache.get(key);
    if (value !== undefined) {
      result.hits += 1;
      if (knownAtRead > 0) result.checkedHits += 1;
      if (value.version < knownAtRead) {
        result.violations.push(`${tabName} read ${key} = version ${value.version} (stored by ${value.storedBy}) after it knew of the clear of version ${knownAtRead}`);
      }
      return;
    }
    result.misses += 1;
    // A load reads the data, then works on it for a while, as parsing or a second request
    // would: clears from other tabs land in between, which is what invariant 2 is about.
    const load = async (): Promise<Value> => {
      const version = await data.version();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
      return { version, storedBy: tabName };
    };
    if (Math.random() < 0.5) {
      await cache.getOrLoad(key, load);
    } else {
      const token = cache.fillToken();
      const value = await load();
      cache.setIfFresh(token, key, value);
    }
  };

  const changeAndClear = async (): Promise<void> => {
    const version = await data.change();
    const cleared = cache.clear();
    // clear() has emptied this tab synchronously: nothing older than `version` is left here.
    known = Math.max(known, version);
    await cleared;
    notifier.announce({ version });
    await data.recordCleared(version);
    result.clears += 1;
  };

  const guardedRead = async (key: string): Promise<void> => {
    const cleared = await data.cleared();
    await hub.checkAll();
    known = Math.max(known, cleared);
    result.guardedReads += 1;
    await read(key);
  };

  const loop = async (): Promise<void> => {
    while (clearsLeft > 0) {
      const key = `key-${Math.floor(Math.random() * options.keys)}`;
      const roll = Math.random();
      if (roll < 0.02) {
        clearsLeft -= 1;
        await changeAndClear();
      } else if (roll < 0.2) {
        await guardedRead(key);
      } else {
        await read(key);
        // Let channel messages in between reads, as a real app's event loop would.
        await pause();
      }
    }
  };

  await Promise.all(Array.from({ length: options.loops }, loop));
  result.rows = getCacheInformation(hub);
  result.diagnostics = hub.diagnostics;
  return result;
}

window.workload = {
  isReady: () => hub.adoptedMarker('items') !== undefined,
  run,
  checkAll: async () => {
    await hub.checkAll();
  },
  adopted: () => hub.adoptedMarker('items'),
};

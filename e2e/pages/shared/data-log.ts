// The app data the concurrency test caches, reduced to one number: its version, bumped by every
// change. It lives in IndexedDB, whose transactions are serialized across tabs, so it doubles as
// a shared log with a real order: `cleared` is the highest version whose clear() had resolved.
// (A separate database from the library's: the library's store holds markers only.)
import { createStore, get, update } from 'idb-keyval';

export interface DataLog {
  /** Changes the data: bumps the version in one read-write transaction and returns the new one. */
  change(): Promise<number>;
  /** The current version, as a load reads it. */
  version(): Promise<number>;
  /** Records that the clear following the change to `version` has resolved. */
  recordCleared(version: number): Promise<void>;
  /** The highest version whose clear had resolved when this read ran. */
  cleared(): Promise<number>;
}

export function createDataLog(databaseName: string): DataLog {
  const store = createStore(databaseName, 'data');
  return {
    async change() {
      let next = 0;
      await update<number>('version', (old) => (next = (old ?? 0) + 1), store);
      return next;
    },
    version: async () => (await get<number>('version', store)) ?? 0,
    recordCleared: (version) => update<number>('cleared', (old) => Math.max(old ?? 0, version), store),
    cleared: async () => (await get<number>('cleared', store)) ?? 0,
  };
}

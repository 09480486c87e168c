import { randomId } from '../environment.js';
import type { SharedStore, SharingMode } from './shared-store.js';

/** A {@link SharedStore} in memory, with a hook to lose everything as a wiped browser profile does. */
export interface MemoryStore extends SharedStore {
  /** Forgets every record, as when the user or the browser wipes site data. */
  wipe(): void;
  /** The raw record of `id` (a copy), for tests. */
  peek(id: string): unknown;
}

/**
 * Creates a store that lives in this realm's memory. Hubs given the same object share it,
 * which is how unit tests stand for several tabs; records are copied in and out, as
 * IndexedDB's structured clone would.
 *
 * @example
 * const store = createMemoryStore();
 * const tabA = createSyncHub({ store, notifier: bus.connect() });
 * const tabB = createSyncHub({ store, notifier: bus.connect() });
 */
export function createMemoryStore(sharing: SharingMode = 'memory'): MemoryStore {
  const records = new Map<string, unknown>();
  let revision: string | null = null;
  const extras = new Map<string, unknown>();
  const updateMany: SharedStore['updateMany'] = async (updaters, extraRecords = new Map()) => {
    await Promise.resolve();
    // All results are computed before any is kept: an updater that throws leaves everything as it was.
    const results = [...updaters].map(([id, updater]) => [id, structuredClone(updater(structuredClone(records.get(id))))] as const);
    const copies = [...extraRecords].map(([key, value]) => [key, structuredClone(value)] as const);
    for (const [id, value] of results) records.set(id, value);
    for (const [key, value] of copies) extras.set(key, value);
    revision = randomId();
  };
  return {
    sharing,
    async read(ids, unchangedSince) {
      await Promise.resolve();
      if (revision !== null && revision === unchangedSince) return { revision };
      return { revision, records: ids.map((id) => structuredClone(records.get(id))) };
    },
    update: (id, updater) => updateMany(new Map([[id, updater]])),
    updateMany,
    async readExtra(key) {
      await Promise.resolve();
      return structuredClone(extras.get(key));
    },
    close() {},
    wipe() {
      records.clear();
      extras.clear();
      revision = null;
    },
    peek(id) {
      return structuredClone(records.get(id));
    },
  };
}

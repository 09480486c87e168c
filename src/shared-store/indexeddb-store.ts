import { errorText } from '../errors.js';
import { get, promisifyRequest, type UseStore } from 'idb-keyval';
import { randomId } from '../environment.js';
import type { SharedStore } from './shared-store.js';

export interface IndexedDBStoreOptions {
  /** The database to open; one per namespace. */
  databaseName: string;
  /** The IndexedDB factory to use. @default the realm's `indexedDB` */
  indexedDB: IDBFactory;
  /** How long an open may take before it counts as failed (a blocked or hung open). @default 5000 */
  openTimeout?: number;
}

const OBJECT_STORE = 'markers';

/**
 * Every marker of a namespace lives in one record, a `Map` from cache id to marker, so that a
 * check of any number of caches is one `get`. Clears lose no concurrency by it: IndexedDB runs
 * read-write transactions on one object store one at a time whatever keys they touch.
 */
const RECORD_KEY = 'markers';

/**
 * A random token replaced by every write, in the write's transaction, so that a check can learn
 * with one small read that no marker changed (SharedStore.read).
 */
const REVISION_KEY = 'revision';

/** Extra records live beside the markers record, under keys that cannot be it. */
const extraKey = (key: string): string => `extra:${key}`;

/** The record as a Map; anything else found under the key (foreign or corrupted) reads as empty. */
function asMarkerMap(record: unknown): Map<string, unknown> {
  return record instanceof Map ? record : new Map();
}

/**
 * Markers in IndexedDB through idb-keyval. idb-keyval's own `createStore` is not used because
 * it cannot be given a factory, has no timeout for an open that never answers, and keeps its
 * connection when another tab asks to upgrade or delete the database (`versionchange`).
 */
export function createIndexedDBStore(options: IndexedDBStoreOptions): SharedStore {
  const { databaseName, indexedDB: factory, openTimeout = 5000 } = options;
  let connection: Promise<IDBDatabase> | undefined;

  const forget = (pending: Promise<IDBDatabase>): void => {
    if (connection === pending) connection = undefined;
  };

  const open = (): Promise<IDBDatabase> => {
    if (connection) return connection;
    const pending = new Promise<IDBDatabase>((resolve, reject) => {
      let settled = false;
      const request = factory.open(databaseName);
      const timer = setTimeout(() => {
        settled = true;
        reject(new Error(errorText('store-open-timeout', __DEV__ && `opening IndexedDB database "${databaseName}" took over ${openTimeout} ms (blocked or hung)`)));
      }, openTimeout);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(OBJECT_STORE);
      };
      request.onsuccess = () => {
        clearTimeout(timer);
        const database = request.result;
        if (settled) {
          // The open answered after we gave up on it: do not leak the connection.
          database.close();
          return;
        }
        settled = true;
        // Fired when the browser drops the connection (site data wiped, Safari's habit).
        database.onclose = () => forget(pending);
        // Another tab wants to upgrade or delete the database: step aside so it is not blocked.
        database.onversionchange = () => {
          database.close();
          forget(pending);
        };
        resolve(database);
      };
      request.onerror = () => {
        clearTimeout(timer);
        settled = true;
        reject(request.error ?? new Error(errorText('store-open-failed', __DEV__ && `cannot open IndexedDB database "${databaseName}"`)));
      };
    });
    connection = pending;
    pending.catch(() => forget(pending));
    return pending;
  };

  const useStore: UseStore = (mode, callback) => {
    const pending = open();
    return pending
      .then((database) => callback(database.transaction(OBJECT_STORE, mode).objectStore(OBJECT_STORE)))
      .catch((error: unknown) => {
        // The connection may be one the browser is closing (site data wiped while a transaction
        // ran, before its close event): forget it, so a retry opens a fresh one. Forgetting a
        // healthy connection costs one reopen; it is not closed, as other transactions may use it.
        forget(pending);
        throw error;
      });
  };

  const updateMany: SharedStore['updateMany'] = (updaters, extras = new Map()) =>
    useStore('readwrite', (store) =>
      // Built by hand, not with idb-keyval's update(): the extras must go into the same
      // transaction. Its requests are chained in callbacks, not awaited promises, so that the
      // transaction cannot auto-commit between the read and the writes.
      new Promise<void>((resolve, reject) => {
        const request = store.get(RECORD_KEY);
        request.onsuccess = () => {
          try {
            const markers = asMarkerMap(request.result);
            for (const [id, updater] of updaters) markers.set(id, updater(markers.get(id)));
            store.put(markers, RECORD_KEY);
            for (const [key, value] of extras) store.put(value, extraKey(key));
            store.put(randomId(), REVISION_KEY);
            resolve(promisifyRequest(store.transaction));
          } catch (error) {
            store.transaction.abort();
            reject(error);
          }
        };
        request.onerror = () => reject(request.error);
      }),
    );

  return {
    sharing: 'indexeddb',
    read: (ids, unchangedSince) =>
      useStore('readonly', async (store) => {
        // Both gets run in one transaction, so the records are the ones of that revision.
        const found = await promisifyRequest(store.get(REVISION_KEY));
        const revision = typeof found === 'string' ? found : null;
        if (revision !== null && revision === unchangedSince) return { revision };
        const markers = asMarkerMap(await promisifyRequest(store.get(RECORD_KEY)));
        return { revision, records: ids.map((id) => markers.get(id)) };
      }),
    update: (id, updater) => updateMany(new Map([[id, updater]])),
    updateMany,
    readExtra: (key) => get(extraKey(key), useStore),
    close() {
      const pending = connection;
      connection = undefined;
      pending?.then((database) => database.close(), () => {});
    },
  };
}

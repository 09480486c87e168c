import { entries, getMany, update, type UseStore } from 'idb-keyval';
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
 * Above this many ids, one `getAll` + `getAllKeys` pair reads the whole (small: one record per
 * cache id of the app) object store faster than one `get` request per id.
 */
const READ_ALL_ABOVE = 3;

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
        reject(new Error(`local-sync-cache: opening IndexedDB database "${databaseName}" took over ${openTimeout} ms (blocked or hung)`));
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
        reject(request.error ?? new Error(`local-sync-cache: cannot open IndexedDB database "${databaseName}"`));
      };
    });
    connection = pending;
    pending.catch(() => forget(pending));
    return pending;
  };

  const useStore: UseStore = (mode, callback) => {
    const pending = open();
    return pending.then((database) => {
      try {
        return callback(database.transaction(OBJECT_STORE, mode).objectStore(OBJECT_STORE));
      } catch (error) {
        // A connection that is closing throws here; the next call reconnects.
        forget(pending);
        throw error;
      }
    });
  };

  return {
    sharing: 'indexeddb',
    async readMany(ids) {
      if (ids.length <= READ_ALL_ABOVE) return getMany([...ids], useStore);
      const records = new Map(await entries(useStore));
      return ids.map((id) => records.get(id));
    },
    update: (id, updater) => update(id, updater, useStore),
    close() {
      const pending = connection;
      connection = undefined;
      pending?.then((database) => database.close(), () => {});
    },
  };
}

// Reads a marker straight from IndexedDB in a tab, bypassing the library, to check what it really
// wrote: database `local-sync-cache:<namespace>`, object store `markers`, key `markers`, whose
// value is a Map from cache id to marker.
import type { EngineTab } from '../drivers/engine';

export interface RawMarker {
  epoch: string;
  gen: number;
  time: number;
  by: string;
}

/** The stored record of `id`, or `null` when the database or the record does not exist. */
export function readMarker(tab: Pick<EngineTab, 'evaluate'>, namespace: string, id: string): Promise<RawMarker | null> {
  return tab.evaluate(
    ({ databaseName, key }) =>
      new Promise<RawMarker | null>((resolve, reject) => {
        const request = indexedDB.open(databaseName);
        // The database is gone (never made, or wiped): abort the creation, so this read does
        // not leave an empty database behind that the library would then find without its store.
        request.onupgradeneeded = () => request.transaction!.abort();
        request.onerror = () => (request.error?.name === 'AbortError' ? resolve(null) : reject(request.error));
        request.onsuccess = () => {
          const database = request.result;
          const read = database.transaction('markers', 'readonly').objectStore('markers').get('markers');
          read.onsuccess = () => {
            database.close();
            resolve((read.result as Map<string, RawMarker> | undefined)?.get(key) ?? null);
          };
          read.onerror = () => {
            database.close();
            reject(read.error);
          };
        };
      }),
    { databaseName: `local-sync-cache:${namespace}`, key: id },
  );
}

// Deleting the library's IndexedDB database from a page, the one way to wipe site data that every
// engine offers to a test (no driver here can clear storage: CDP's Storage.clearDataForOrigin is
// Chromium's, and e2e/storage-wipe.spec.ts uses it for the forced variant of the wipe). The
// delete waits until every open connection has closed, so it completes only because the library
// closes its connection on `versionchange`; a delete that stayed blocked would fail the case.
import type { EngineTab } from '../drivers/engine';

/** Deletes `local-sync-cache:<namespace>` from `tab`; resolves whether the delete was blocked first. */
export function deleteStoreDatabase(tab: EngineTab, namespace: string): Promise<{ blocked: boolean }> {
  return tab.evaluate(
    (name) =>
      new Promise<{ blocked: boolean }>((resolve, reject) => {
        let blocked = false;
        const request = indexedDB.deleteDatabase(name);
        request.onblocked = () => (blocked = true);
        request.onsuccess = () => resolve({ blocked });
        request.onerror = () => reject(request.error);
      }),
    `local-sync-cache:${namespace}`,
  );
}

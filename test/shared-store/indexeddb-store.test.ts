import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIndexedDBStore } from '../../src/shared-store/indexeddb-store.js';

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Blocked would mean our connection did not step aside on versionchange.
    request.onblocked = () => reject(new Error('delete blocked by an open connection'));
  });
}

describe('IndexedDB store', () => {
  it('steps aside when another tab deletes the database, and reconnects on the next call', async () => {
    const factory = new IDBFactory();
    const store = createIndexedDBStore({ databaseName: 'wiped', indexedDB: factory });
    await store.update('ids', () => ({ gen: 1 }));
    await deleteDatabase(factory, 'wiped');
    await expect(store.read(['ids']).then((snapshot) => snapshot.records)).resolves.toEqual([undefined]);
    await store.update('ids', () => ({ gen: 1 }));
    await expect(store.read(['ids']).then((snapshot) => snapshot.records)).resolves.toEqual([{ gen: 1 }]);
  });

  it('gives up on an open that never answers', async () => {
    const hanging = { open: () => ({}) } as unknown as IDBFactory;
    const store = createIndexedDBStore({ databaseName: 'hung', indexedDB: hanging, openTimeout: 20 });
    await expect(store.read(['x'])).rejects.toThrow(/took over 20 ms/);
  });

  it('reports an open the browser refuses', async () => {
    const refusing = {
      open() {
        const request: Partial<IDBOpenDBRequest> & { error: DOMException } = { error: new DOMException('refused', 'InvalidStateError') };
        queueMicrotask(() => (request.onerror as () => void)());
        return request;
      },
    } as unknown as IDBFactory;
    const store = createIndexedDBStore({ databaseName: 'private', indexedDB: refusing });
    await expect(store.read(['x'])).rejects.toThrow(/refused/);
  });
});

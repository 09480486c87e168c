// One contract, every store: what the hub relies on from a SharedStore.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { type SharedStore } from '../../src/index.js';
import { createMemoryStore } from '../../src/testing/index.js';
import { createIndexedDBStore } from '../../src/shared-store/indexeddb-store.js';
import { createResilientStore } from '../../src/shared-store/resilient-store.js';

const implementations: Array<[string, () => SharedStore]> = [
  ['memory', () => createMemoryStore()],
  ['indexeddb', () => createIndexedDBStore({ databaseName: 'contract', indexedDB: new IDBFactory() })],
  ['resilient(indexeddb)', () => createResilientStore(createIndexedDBStore({ databaseName: 'contract', indexedDB: new IDBFactory() }), 'none', { timeout: 1000, onDegrade: () => {} })],
];

describe.each(implementations)('SharedStore contract: %s', (_name, create) => {
  it('reads undefined for ids it never saw, in the order asked', async () => {
    const store = create();
    await store.update('b', () => ({ n: 2 }));
    await expect(store.readMany(['a', 'b', 'c'])).resolves.toEqual([undefined, { n: 2 }, undefined]);
    store.close();
  });

  it('reads many ids at once, present and absent, in the order asked', async () => {
    const store = create();
    const ids = Array.from({ length: 40 }, (_, index) => `id-${index}`);
    await Promise.all(ids.filter((_, index) => index % 3 === 0).map((id) => store.update(id, () => ({ id }))));
    const records = await store.readMany([...ids].reverse());
    expect(records).toEqual([...ids].reverse().map((id) => (Number(id.slice(3)) % 3 === 0 ? { id } : undefined)));
    store.close();
  });

  it('hands the old record to the updater and keeps what it returns', async () => {
    const store = create();
    const seen: unknown[] = [];
    await store.update('x', (old) => (seen.push(old), { gen: 1 }));
    await store.update('x', (old) => (seen.push(old), { gen: (old as { gen: number }).gen + 1 }));
    expect(seen).toEqual([undefined, { gen: 1 }]);
    await expect(store.readMany(['x'])).resolves.toEqual([{ gen: 2 }]);
    store.close();
  });

  it('applies concurrent updates one after another, losing none', async () => {
    const store = create();
    await Promise.all(Array.from({ length: 20 }, () => store.update('count', (old) => ((old as number | undefined) ?? 0) + 1)));
    await expect(store.readMany(['count'])).resolves.toEqual([20]);
    store.close();
  });

  it('returns copies, so a caller cannot change a stored record', async () => {
    const store = create();
    await store.update('x', () => ({ list: [1] }));
    const [first] = (await store.readMany(['x'])) as Array<{ list: number[] }>;
    first.list.push(2);
    await expect(store.readMany(['x'])).resolves.toEqual([{ list: [1] }]);
    store.close();
  });
});

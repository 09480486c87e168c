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

/** The records of a full read (no revision given, so the store always reads them). */
const recordsOf = async (store: SharedStore, ids: readonly string[]): Promise<unknown[] | undefined> => (await store.read(ids)).records;

describe.each(implementations)('SharedStore contract: %s', (name, create) => {
  it('reads undefined for ids it never saw, in the order asked', async () => {
    const store = create();
    await store.update('b', () => ({ n: 2 }));
    await expect(recordsOf(store, ['a', 'b', 'c'])).resolves.toEqual([undefined, { n: 2 }, undefined]);
    store.close();
  });

  it('reads many ids at once, present and absent, in the order asked', async () => {
    const store = create();
    const ids = Array.from({ length: 40 }, (_, index) => `id-${index}`);
    await Promise.all(ids.filter((_, index) => index % 3 === 0).map((id) => store.update(id, () => ({ id }))));
    const records = await recordsOf(store, [...ids].reverse());
    expect(records).toEqual([...ids].reverse().map((id) => (Number(id.slice(3)) % 3 === 0 ? { id } : undefined)));
    store.close();
  });

  it('hands the old record to the updater and keeps what it returns', async () => {
    const store = create();
    const seen: unknown[] = [];
    await store.update('x', (old) => (seen.push(old), { gen: 1 }));
    await store.update('x', (old) => (seen.push(old), { gen: (old as { gen: number }).gen + 1 }));
    expect(seen).toEqual([undefined, { gen: 1 }]);
    await expect(recordsOf(store, ['x'])).resolves.toEqual([{ gen: 2 }]);
    store.close();
  });

  it('applies concurrent updates one after another, losing none', async () => {
    const store = create();
    await Promise.all(Array.from({ length: 20 }, () => store.update('count', (old) => ((old as number | undefined) ?? 0) + 1)));
    await expect(recordsOf(store, ['count'])).resolves.toEqual([20]);
    store.close();
  });

  it('returns copies, so a caller cannot change a stored record', async () => {
    const store = create();
    await store.update('x', () => ({ list: [1] }));
    const [first] = (await recordsOf(store, ['x'])) as Array<{ list: number[] }>;
    first.list.push(2);
    await expect(recordsOf(store, ['x'])).resolves.toEqual([{ list: [1] }]);
    store.close();
  });

  it('has no revision while empty, and a new one after every write', async () => {
    const store = create();
    await expect(store.read(['x'])).resolves.toEqual({ revision: null, records: [undefined] });
    await store.update('x', () => 1);
    const first = (await store.read(['x'])).revision;
    await store.update('y', () => 2);
    const second = (await store.read(['x'])).revision;
    expect(typeof first).toBe('string');
    expect(typeof second).toBe('string');
    expect(second).not.toBe(first);
    store.close();
  });

  it('skips the records while the revision given still stands, and reads them once it moved', async () => {
    const store = create();
    await store.update('x', () => ({ gen: 1 }));
    const { revision } = await store.read(['x']);
    await expect(store.read(['x'], revision!)).resolves.toEqual({ revision });
    await store.update('x', () => ({ gen: 2 }));
    const moved = await store.read(['x'], revision!);
    expect(moved.records).toEqual([{ gen: 2 }]);
    expect(moved.revision).not.toBe(revision);
    store.close();
  });

  it('updates several ids and sets extras in one call, each updater given its old record', async () => {
    const store = create();
    await store.update('a', () => ({ gen: 1 }));
    const seen: unknown[] = [];
    const bump = (old: unknown) => (seen.push(old), { gen: ((old as { gen: number } | undefined)?.gen ?? 0) + 1 });
    await store.updateMany(new Map([['a', bump], ['b', bump]]), new Map([['cursor', '5-0']]));
    expect(seen).toEqual([{ gen: 1 }, undefined]);
    await expect(recordsOf(store, ['a', 'b'])).resolves.toEqual([{ gen: 2 }, { gen: 1 }]);
    await expect(store.readExtra('cursor')).resolves.toBe('5-0');
    await expect(store.readExtra('other')).resolves.toBeUndefined();
    store.close();
  });

  it('keeps extras apart from markers: an extra never reads as an id, nor an id as an extra', async () => {
    const store = create();
    await store.updateMany(new Map(), new Map([['x', 'extra']]));
    await store.update('y', () => 'marker');
    await expect(recordsOf(store, ['x'])).resolves.toEqual([undefined]);
    await expect(store.readExtra('y')).resolves.toBeUndefined();
    store.close();
  });

  // Not for the resilient wrapper: it takes any failure for the store's and goes local-only.
  it.skipIf(name.startsWith('resilient'))('commits nothing of an updateMany whose updater throws', async () => {
    const store = create();
    await store.updateMany(new Map([['a', () => 1]]), new Map([['cursor', '1-0']]));
    const failing = store.updateMany(
      new Map<string, (old: unknown) => unknown>([['a', () => 2], ['b', () => { throw new Error('updater failed'); }]]),
      new Map([['cursor', '2-0']]),
    );
    await expect(failing).rejects.toThrow('updater failed');
    await expect(recordsOf(store, ['a', 'b'])).resolves.toEqual([1, undefined]);
    await expect(store.readExtra('cursor')).resolves.toBe('1-0');
    store.close();
  });

  it('runs updateMany and update one after another, losing none', async () => {
    const store = create();
    const add = (old: unknown) => ((old as number | undefined) ?? 0) + 1;
    await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? store.update('n', add) : store.updateMany(new Map([['n', add]])))));
    await expect(recordsOf(store, ['n'])).resolves.toEqual([10]);
    store.close();
  });
});

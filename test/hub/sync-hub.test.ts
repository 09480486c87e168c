import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncHub, LocalSyncCache, type Notifier, type SharedStore, type SyncHub, getCacheInformation } from '../../src/index.js';
import { createMemoryBus, createMemoryStore } from '../../src/testing/index.js';
import { createFaultyStore } from '../../src/testing/faulty-store.js';
import { recordingLogger } from '../helpers/tabs.js';

const hubs: SyncHub[] = [];
afterEach(() => hubs.splice(0).forEach((hub) => hub.close()));

/** A store whose reads are held until the test releases them. */
function heldReadsStore() {
  const inner = createMemoryStore();
  const store = createFaultyStore(inner);
  store.holdReads();
  return { store, inner };
}

function hubOn(store: SharedStore, notifier: Notifier = createMemoryBus().connect()) {
  const hub = createSyncHub({ store, notifier, logger: recordingLogger() });
  hubs.push(hub);
  return hub;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('checkAll', () => {
  it('reads the markers of every cache in one store call', async () => {
    const { store } = heldReadsStore();
    const hub = hubOn(store);
    for (let index = 0; index < 50; index++) new LocalSyncCache(`cache-${index}`, { hub });
    await tick();
    store.releaseAll(); // the batched first read
    const checking = hub.checkAll();
    await tick();
    expect(store.held).toHaveLength(1);
    // The 50 caches' ids and the namespace-wide one (src/core/namespace-id.ts).
    expect(store.held[0].ids).toEqual([...Array.from({ length: 50 }, (_, index) => `cache-${index}`), '']);
    store.release(0);
    await expect(checking).resolves.toMatchObject({ emptied: [] });
  });

  it('lets callers during a running check share one follow-up check that starts after it', async () => {
    const { store, inner } = heldReadsStore();
    const hub = hubOn(store);
    const cache = new LocalSyncCache<string, number>('ids', { hub });
    await tick();
    store.releaseAll();
    await tick();

    const first = hub.checkAll();
    await tick();
    cache.set('k', 1);
    // Another realm clears after the first read began: only a later read can see it.
    await inner.update('ids', () => ({ epoch: 'other', gen: 1, time: 0, by: 'elsewhere#1' }));
    const followers = [hub.checkAll(), hub.checkAll(), hub.checkAll()];
    expect(store.held).toHaveLength(1);
    store.release(0);
    await first;
    expect(cache.get('k')).toBe(1);
    await tick();
    expect(store.held).toHaveLength(1);
    expect(store.calls.read).toBe(3);
    store.release(0);
    const results = await Promise.all(followers);
    expect(results.every((result) => result.emptied.includes('ids'))).toBe(true);
    expect(cache.size).toBe(0);
  });

  it('resolves at once with nothing to check', async () => {
    const hub = hubOn(createMemoryStore());
    await expect(hub.checkAll()).resolves.toEqual({ checked: [], emptied: [] });
  });
});

describe('lifecycle', () => {
  it('frees an id on dispose, and refuses clear and checkState afterwards', async () => {
    const hub = hubOn(createMemoryStore());
    const first = new LocalSyncCache('ids', { hub });
    first.dispose();
    first.dispose();
    expect(first.disposed).toBe(true);
    expect(() => new LocalSyncCache('ids', { hub })).not.toThrow();
    expect(() => first.clear()).toThrow(/"ids": clear\(\) was called after dispose\(\); create a new LocalSyncCache/);
    expect(() => first.checkState()).toThrow(/checkState\(\) was called after dispose\(\)/);
    expect(getCacheInformation(hub)).toHaveLength(1);
  });

  it('a disposed cache no longer hears clears', async () => {
    const hub = hubOn(createMemoryStore());
    const disposed = new LocalSyncCache<string, number>('ids', { hub });
    const live = new LocalSyncCache<string, number>('ids', { hub, uniqueIds: false });
    disposed.set('k', 1);
    disposed.dispose();
    await live.clear();
    expect(disposed.get('k')).toBe(1);
  });

  it('close releases the channel subscription and refuses further work', async () => {
    const bus = createMemoryBus();
    const notifier = bus.connect();
    const unsubscribe = vi.fn();
    const close = vi.spyOn(notifier, 'close');
    const subscribe = notifier.subscribe.bind(notifier);
    notifier.subscribe = (listener) => {
      const stop = subscribe(listener);
      return () => {
        unsubscribe();
        stop();
      };
    };
    const hub = hubOn(createMemoryStore(), notifier);
    const cache = new LocalSyncCache('ids', { hub });
    hub.close();
    hub.close();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(close).toHaveBeenCalledTimes(1);
    expect(hub.closed).toBe(true);
    expect(() => cache.clear()).toThrow(/after hub.close\(\); create a new hub/);
    expect(() => hub.checkAll()).toThrow(/checkAll\(\) was called after hub.close\(\)/);
    expect(() => cache.getOrLoad('k', () => 1)).toThrow(/getOrLoad\(\) of LocalSyncCache "ids" was called after hub.close\(\)/);
    expect(() => new LocalSyncCache('other', { hub })).toThrow(/after hub.close\(\)/);
  });

  it('opens nothing until the first cache is created', () => {
    const store = createMemoryStore();
    const read = vi.spyOn(store, 'read');
    const notifier = createMemoryBus().connect();
    const subscribe = vi.spyOn(notifier, 'subscribe');
    hubOn(store, notifier);
    expect(read).not.toHaveBeenCalled();
    expect(subscribe).not.toHaveBeenCalled();
  });
});

describe('input errors', () => {
  it.each([
    [undefined, /non-empty string.*got undefined/],
    ['', /non-empty string.*got ""/],
    [' padded ', /without surrounding spaces/],
    [42, /got number 42/],
    ['x'.repeat(201), /an id of 201 characters/],
  ])('refuses the id %s with a fix', (id, message) => {
    const hub = hubOn(createMemoryStore());
    expect(() => new LocalSyncCache(id as string, { hub })).toThrow(message);
    expect(() => new LocalSyncCache(id as string, { hub })).toThrow(/new LocalSyncCache\('page-urls'\)/);
  });

  it('refuses options of the wrong type', () => {
    const hub = hubOn(createMemoryStore());
    expect(() => new LocalSyncCache('a', { hub, uniqueIds: 'no' as never })).toThrow(/uniqueIds must be true or false/);
    expect(() => new LocalSyncCache('a', { hub: {} as never })).toThrow(/hub must come from createSyncHub\(\)/);
    expect(() => new LocalSyncCache('a', [] as never)).toThrow(/options must be an object, got an array/);
    expect(() => createSyncHub([] as never)).toThrow(/options must be an object, got an array/);
    expect(() => createSyncHub({ namespace: 'has spaces' })).toThrow(/namespace must be/);
    expect(() => createSyncHub({ storeTimeout: -5 })).toThrow(/storeTimeout must be a positive number/);
  });
});

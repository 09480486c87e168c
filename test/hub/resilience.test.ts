// Store trouble never crashes the app: retry once, then one warning and a local-only mode.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncHub, LocalSyncCache, type Marker, type SharedStore, type SyncHub, getCacheInformation } from '../../src/index.js';
import { createMemoryBus, createMemoryStore } from '../../src/testing/index.js';
import { createFaultyStore } from '../../src/testing/faulty-store.js';
import { recordingLogger, until, uniqueNamespace } from '../helpers/tabs.js';

const hubs: SyncHub[] = [];
afterEach(() => {
  hubs.splice(0).forEach((hub) => hub.close());
  vi.unstubAllGlobals();
});

function hubWith(options: Parameters<typeof createSyncHub>[0]) {
  const logger = recordingLogger();
  const onError = vi.fn();
  const hub = createSyncHub({ logger, onError, ...options });
  hubs.push(hub);
  return { hub, logger, onError };
}

/** A store whose first `failures` calls fail (all of them with Infinity), then behave. */
function flakyStore(failures: number) {
  const store = createFaultyStore(createMemoryStore());
  if (failures === Infinity) store.failAlways(new Error('connection is closing'));
  else store.failNext(failures, new Error('connection is closing'));
  return store;
}

describe('store trouble', () => {
  it('retries a failed call once without a warning', async () => {
    const store = flakyStore(1);
    const { hub, logger } = hubWith({ store, notifier: createMemoryBus().connect() });
    const cache = new LocalSyncCache('ids', { hub });
    await cache.clear();
    await hub.checkAll();
    expect(logger.warn).not.toHaveBeenCalled();
    expect(hub.sharing).toBe('memory');
  });

  it('falls back to local-only with exactly one warning when the store keeps failing', async () => {
    const { hub, logger, onError } = hubWith({ store: flakyStore(Infinity), notifier: createMemoryBus().connect() });
    const cache = new LocalSyncCache<string, number>('ids', { hub });
    cache.set('a', 1);
    await cache.clear();
    await hub.checkAll();
    await cache.clear();
    expect(cache.size).toBe(0);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(String(logger.warn.mock.calls[0][0])).toMatch(/not shared.*failed twice.*Live tabs still hear/s);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(hub.sharing).toBe('local-only');
    expect(getCacheInformation(hub)[0].sharing).toBe('local-only');
  });

  it('treats a store that hangs as failed after the timeout', async () => {
    const never = () => new Promise<never>(() => {});
    const hanging: SharedStore = { sharing: 'memory', read: never, update: never, updateMany: never, readExtra: never, close() {} };
    const { hub, logger } = hubWith({ store: hanging, notifier: createMemoryBus().connect(), storeTimeout: 10 });
    const cache = new LocalSyncCache('ids', { hub });
    await cache.clear();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(hub.sharing).toBe('local-only');
  });

  it('warns once where there is no IndexedDB, and live tabs still hear clears', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const namespace = uniqueNamespace();
    const a = hubWith({ namespace });
    const b = hubWith({ namespace });
    const inA = new LocalSyncCache<string, number>('ids', { hub: a.hub });
    const inB = new LocalSyncCache<string, number>('ids', { hub: b.hub });
    inB.set('k', 1);
    await inA.clear();
    await until(() => inB.size === 0, 'the nudge');
    await a.hub.checkAll();
    expect(a.logger.warn).toHaveBeenCalledTimes(1);
    expect(String(a.logger.warn.mock.calls[0][0])).toMatch(/no IndexedDB/);
    expect(getCacheInformation(a.hub)[0].sharing).toBe('local-only');
  });

  it('clear() never rejects, even when the hub reports errors', async () => {
    const { hub } = hubWith({ store: flakyStore(Infinity), notifier: createMemoryBus().connect(), storeTimeout: 10 });
    const cache = new LocalSyncCache('ids', { hub });
    await expect(cache.clear()).resolves.toBeUndefined();
  });
});

describe('a store that lost its markers', () => {
  async function twoDeafTabs() {
    const store = createMemoryStore();
    const writer = hubWith({ store, notifier: createMemoryBus().connect() }).hub;
    const reader = hubWith({ store, notifier: createMemoryBus().connect() }).hub;
    const inWriter = new LocalSyncCache<string, number>('ids', { hub: writer });
    const inReader = new LocalSyncCache<string, number>('ids', { hub: reader });
    await reader.checkAll();
    await inWriter.clear();
    await reader.checkAll();
    inReader.set('k', 1);
    return { store, writer, reader, inReader };
  }

  it('gets the lost marker put back with its generation under a fresh epoch (R3), and each realm empties once as a counted precaution', async () => {
    const { store, writer, reader, inReader } = await twoDeafTabs();
    const written = store.peek('ids') as Marker;
    store.wipe();
    await writer.checkAll();
    await until(() => store.peek('ids') !== undefined, 'the re-save');
    const resaved = store.peek('ids') as Marker;
    expect(resaved).toMatchObject({ gen: written.gen, by: written.by, time: written.time });
    expect(resaved.epoch).not.toBe(written.epoch);
    await reader.checkAll();
    expect(inReader.get('k')).toBeUndefined();
    expect(getCacheInformation(reader)[0]).toMatchObject({ precautionClears: 1, externalClears: 1 });
    // The writer's cache held nothing: its R3 precaution refused fills but counted nothing.
    expect(getCacheInformation(writer)[0].precautionClears).toBe(0);
    inReader.set('k', 2);
    await reader.checkAll();
    await writer.checkAll();
    expect(inReader.get('k')).toBe(2);
    expect(getCacheInformation(reader)[0].precautionClears).toBe(1);
  });

  it('empties, as a counted precaution, a realm that finds the store empty (R3)', async () => {
    const { store, reader, inReader } = await twoDeafTabs();
    store.wipe();
    await expect(reader.checkAll()).resolves.toMatchObject({ emptied: ['ids'] });
    expect(inReader.size).toBe(0);
    expect(getCacheInformation(reader)[0]).toMatchObject({ precautionClears: 1, externalClears: 1 });
  });

  it('never writes a re-save over a marker another realm wrote since the wipe', async () => {
    const store = createMemoryStore();
    let writeFirst: Marker | undefined;
    // Another realm's clear commits between this realm's empty read and its re-save.
    const racing: SharedStore = {
      ...store,
      async update(id, updater) {
        const other = writeFirst;
        writeFirst = undefined;
        if (other) await store.update(id, () => other);
        return store.update(id, updater);
      },
    };
    const { hub } = hubWith({ store: racing, notifier: createMemoryBus().connect() });
    const cache = new LocalSyncCache<string, number>('ids', { hub });
    await cache.clear();
    store.wipe();
    const other: Marker = { epoch: 'other-epoch', gen: 7, time: 1, by: 'other#1' };
    writeFirst = other;
    await hub.checkAll();
    await until(() => hub.adoptedMarker('ids') !== undefined, 'the re-save answer');
    expect(store.peek('ids')).toEqual(other);
    expect(hub.adoptedMarker('ids')).toEqual(other);
  });
});

describe('foreign data', () => {
  it('ignores and counts malformed store records', async () => {
    const store = createMemoryStore();
    await store.update('ids', () => ({ epoch: 42, gen: 'one' }));
    const { hub } = hubWith({ store, notifier: createMemoryBus().connect() });
    const cache = new LocalSyncCache<string, number>('ids', { hub });
    await hub.checkAll();
    cache.set('k', 1);
    await hub.checkAll();
    expect(cache.get('k')).toBe(1);
    expect(hub.diagnostics.malformedRecords).toBeGreaterThanOrEqual(1);
    await cache.clear();
    expect(store.peek('ids')).toMatchObject({ gen: 1 });
  });

  it('ignores and counts channel messages of any other shape', async () => {
    const namespace = uniqueNamespace();
    const { hub } = hubWith({ namespace });
    const cache = new LocalSyncCache<string, number>('ids', { hub });
    cache.set('k', 1);
    const stranger = new BroadcastChannel(`local-sync-cache:${namespace}`);
    const messages = [null, 42, 'cleared', [], { type: 'local-sync-cache:cleared', version: 2, id: 'ids', by: 'x#1' }, { type: 'local-sync-cache:cleared', version: 1, id: 'ids' }, JSON.parse('{"__proto__": {"polluted": true}, "type": "local-sync-cache:cleared"}')];
    for (const message of messages) stranger.postMessage(message);
    await until(() => hub.diagnostics.malformedMessages === messages.length, 'every message');
    stranger.close();
    expect(cache.get('k')).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('what crosses realms', () => {
  it('carries markers only, never cached values', async () => {
    const store = createMemoryStore();
    const bus = createMemoryBus();
    const notifier = bus.connect();
    const posted: unknown[] = [];
    const post = notifier.post.bind(notifier);
    notifier.post = (message) => {
      posted.push(message);
      post(message);
    };
    const { hub } = hubWith({ store, notifier });
    const cache = new LocalSyncCache<string, string>('ids', { hub });
    cache.set('secret', 'value that must stay here');
    await cache.clear();
    expect(posted).toEqual([{ type: 'local-sync-cache:cleared', version: 1, id: 'ids', by: expect.any(String) }]);
    expect(Object.keys(store.peek('ids') as object).sort()).toEqual(['by', 'epoch', 'gen', 'time']);
    expect(JSON.stringify([posted, store.peek('ids')])).not.toContain('secret');
  });
});

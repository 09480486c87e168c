// The binding's Workbox plugin, called as workbox-strategies calls it (handlerWillStart, then the
// cache read and cachedResponseWillBeUsed, or the network, cacheWillUpdate, the write and
// cacheDidUpdate), with the interleavings a browser can produce. The real strategies run in
// Chromium in e2e/service-worker/workbox.spec.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkboxPlugin as WorkboxCorePlugin } from 'workbox-core/types.js';
import { createSyncHub, LocalSyncCache, type SyncHub } from '../../src/index.js';
import { createMemoryBus, createMemoryStore } from '../../src/testing/index.js';
import { bindCacheStorage, type CacheStorageBinding, createFetchCheck } from '../../src/service-worker/index.js';
import { recordingLogger } from '../helpers/tabs.js';
import { createMemoryCacheStorage } from './helpers/memory-cache-storage.js';

const DATA = 'http://localhost/api/data';
const CACHE = 'api-v1';

const hubs: SyncHub[] = [];
const bindings: CacheStorageBinding[] = [];
afterEach(() => {
  bindings.splice(0).forEach((binding) => binding.dispose());
  hubs.splice(0).forEach((hub) => hub.close());
});

function createOrigin() {
  const store = createMemoryStore();
  const bus = createMemoryBus();
  const storage = createMemoryCacheStorage();
  const hubOn = (hearsNudges: boolean): SyncHub => {
    const hub = createSyncHub({ store, notifier: (hearsNudges ? bus : createMemoryBus()).connect(), logger: recordingLogger() });
    hubs.push(hub);
    return hub;
  };
  return {
    storage,
    tab: (hearsNudges = true) => new LocalSyncCache<string, string>('api', { hub: hubOn(hearsNudges), uniqueIds: false }),
    /** A (re)started worker: a fresh hub and binding on the same Cache Storage. */
    worker(hearsNudges = true) {
      const hub = hubOn(hearsNudges);
      const errors: unknown[] = [];
      const binding = bindCacheStorage('api', { cacheName: CACHE, check: createFetchCheck({ hub, interval: 0 }), caches: storage.caches, onError: (error) => errors.push(error) });
      bindings.push(binding);
      return { binding, errors, plugin: binding.workboxPlugin(), stop: () => (binding.dispose(), hub.close()) };
    },
  };
}

/** What a strategy handler passes: one state object per plugin per handled request. */
const handler = () => ({ request: new Request(DATA), event: undefined, state: {} as Record<string, unknown> });

/** A strategy's cache read and what the plugin makes of it. */
async function cachedAnswer(origin: ReturnType<typeof createOrigin>, plugin: ReturnType<CacheStorageBinding['workboxPlugin']>, run = handler()) {
  await plugin.handlerWillStart(run);
  const cachedResponse = await (await origin.storage.caches.open(CACHE)).match(run.request);
  const used = await plugin.cachedResponseWillBeUsed({ ...run, cacheName: CACHE, cachedResponse });
  return used ? await used.text() : null;
}

/** A strategy's network answer stored through the plugin, as Workbox's cachePut does it. */
async function store(origin: ReturnType<typeof createOrigin>, plugin: ReturnType<CacheStorageBinding['workboxPlugin']>, body: string, run = handler()) {
  await plugin.handlerWillStart(run);
  const response = await plugin.cacheWillUpdate({ ...run, response: new Response(body) });
  if (!response) return false;
  await (await origin.storage.caches.open(CACHE)).put(run.request, response);
  await plugin.cacheDidUpdate({ ...run, cacheName: CACHE });
  return true;
}

describe('workboxPlugin()', () => {
  it('lets a stored answer through until a clear, then vetoes it, even when the worker missed the nudge', async () => {
    const origin = createOrigin();
    const { plugin } = origin.worker(false);
    expect(await store(origin, plugin, 'first')).toBe(true);
    expect(await cachedAnswer(origin, plugin)).toBe('first');
    await origin.tab(false).clear();
    // The strategy read the entry before the check found the clear: the plugin vetoes it.
    expect(await cachedAnswer(origin, plugin)).toBeNull();
    expect(origin.storage.urls(CACHE)?.includes(DATA)).toBeFalsy();
  });

  it('refuses to store an answer requested before a clear', async () => {
    const origin = createOrigin();
    const { binding, plugin } = origin.worker();
    const run = handler();
    await plugin.handlerWillStart(run);
    await origin.tab().clear(); // while the request travels
    expect(await plugin.cacheWillUpdate({ ...run, response: new Response('old') })).toBeNull();
    expect(binding.information.refusedPuts).toBe(1);
    expect(await store(origin, plugin, 'new')).toBe(true);
  });

  it('stores only 200 answers, as Workbox does without a cacheWillUpdate plugin', async () => {
    const origin = createOrigin();
    const { plugin } = origin.worker();
    const run = handler();
    await plugin.handlerWillStart(run);
    expect(await plugin.cacheWillUpdate({ ...run, response: new Response('gone', { status: 404 }) })).toBeNull();
  });

  it('removes an entry written across a clear', async () => {
    const origin = createOrigin();
    const { plugin } = origin.worker();
    const run = handler();
    await plugin.handlerWillStart(run);
    const response = await plugin.cacheWillUpdate({ ...run, response: new Response('old') });
    expect(response).not.toBeNull();
    await origin.tab().clear(); // lands between cacheWillUpdate and the write
    await (await origin.storage.caches.open(CACHE)).put(run.request, response!);
    await plugin.cacheDidUpdate({ ...run, cacheName: CACHE });
    expect(origin.storage.urls(CACHE)?.includes(DATA)).toBeFalsy();
  });

  it('reads again after a restart instead of trusting what the strategy read before reconciliation', async () => {
    const origin = createOrigin();
    const first = origin.worker();
    await store(origin, first.plugin, 'before the clear');
    first.stop();
    await origin.tab().clear(); // while the worker is stopped
    const { plugin } = origin.worker();
    expect(await cachedAnswer(origin, plugin)).toBeNull();
  });

  it('keeps a restarted worker\'s contents when its content marker shows nothing was cleared', async () => {
    const origin = createOrigin();
    await origin.tab().clear();
    const first = origin.worker();
    await store(origin, first.plugin, 'kept');
    expect(await cachedAnswer(origin, first.plugin)).toBe('kept');
    first.stop();
    const { plugin, binding } = origin.worker();
    expect(await cachedAnswer(origin, plugin)).toBe('kept');
    expect(binding.information.emptied).toBe(0);
  });

  it('fits workbox-core\'s WorkboxPlugin type (checked by tsc on this file; the e2e worker passes it to real strategies)', () => {
    const { plugin } = createOrigin().worker();
    const accepted: WorkboxCorePlugin = plugin;
    expect(Object.keys(accepted).sort()).toEqual(['cacheDidUpdate', 'cacheWillUpdate', 'cachedResponseWillBeUsed', 'handlerWillStart']);
  });

  it('vetoes, and reports, a strategy that reads another cache than the bound one', async () => {
    const origin = createOrigin();
    const { plugin, errors } = origin.worker();
    const run = handler();
    await plugin.handlerWillStart(run);
    expect(await plugin.cachedResponseWillBeUsed({ ...run, cacheName: 'other', cachedResponse: new Response('x') })).toBeNull();
    expect(String(errors[0])).toMatch(/strategy reads cache "other" but the binding is for "api-v1"; pass \{ cacheName: binding.cacheName \}/);
  });
});

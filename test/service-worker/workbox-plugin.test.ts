// The binding's Workbox plugin, called as workbox-strategies calls it (handlerWillStart, then the
// cache read and cachedResponseWillBeUsed, or the network, cacheWillUpdate, the write and
// cacheDidUpdate), with the interleavings a browser can produce. The real strategies run in
// Chromium in e2e/service-worker/workbox.spec.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkboxPlugin as WorkboxCorePlugin } from 'workbox-core/types.js';
import type { CacheStorageBinding } from '../../src/service-worker/index.js';
import { CACHE, closeWorkerOrigins, createWorkerOrigin, type WorkerOrigin } from './helpers/worker-origin.js';

const DATA = 'http://localhost/api/data';

afterEach(closeWorkerOrigins);


/** What a strategy handler passes: one state object per plugin per handled request. */
const handler = () => ({ request: new Request(DATA), event: undefined, state: {} as Record<string, unknown> });

/** A strategy's cache read and what the plugin makes of it. */
async function cachedAnswer(origin: WorkerOrigin, plugin: ReturnType<CacheStorageBinding['workboxPlugin']>, run = handler()) {
  await plugin.handlerWillStart(run);
  const cachedResponse = await (await origin.storage.caches.open(CACHE)).match(run.request);
  const used = await plugin.cachedResponseWillBeUsed({ ...run, cacheName: CACHE, cachedResponse });
  return used ? await used.text() : null;
}

/** A strategy's network answer stored through the plugin, as Workbox's cachePut does it. */
async function store(origin: WorkerOrigin, plugin: ReturnType<CacheStorageBinding['workboxPlugin']>, body: string, run = handler()) {
  await plugin.handlerWillStart(run);
  const response = await plugin.cacheWillUpdate({ ...run, response: new Response(body) });
  if (!response) return false;
  await (await origin.storage.caches.open(CACHE)).put(run.request, response);
  await plugin.cacheDidUpdate({ ...run, cacheName: CACHE });
  return true;
}

describe('workboxPlugin()', () => {
  it('lets a stored answer through until a clear, then vetoes it, even when the worker missed the nudge', async () => {
    const origin = createWorkerOrigin();
    const { plugin } = origin.worker(false);
    expect(await store(origin, plugin, 'first')).toBe(true);
    expect(await cachedAnswer(origin, plugin)).toBe('first');
    await origin.tab(false).clear();
    // The strategy read the entry before the check found the clear: the plugin vetoes it.
    expect(await cachedAnswer(origin, plugin)).toBeNull();
    expect(origin.storage.urls(CACHE)?.includes(DATA)).toBeFalsy();
  });

  it('refuses to store an answer requested before a clear', async () => {
    const origin = createWorkerOrigin();
    const { binding, plugin } = origin.worker();
    const run = handler();
    await plugin.handlerWillStart(run);
    await origin.tab().clear(); // while the request travels
    expect(await plugin.cacheWillUpdate({ ...run, response: new Response('old') })).toBeNull();
    expect(binding.information.refusedPuts).toBe(1);
    expect(await store(origin, plugin, 'new')).toBe(true);
  });

  it('stores only 200 answers, as Workbox does without a cacheWillUpdate plugin', async () => {
    const origin = createWorkerOrigin();
    const { plugin } = origin.worker();
    const run = handler();
    await plugin.handlerWillStart(run);
    expect(await plugin.cacheWillUpdate({ ...run, response: new Response('gone', { status: 404 }) })).toBeNull();
  });

  it('removes an entry written across a clear', async () => {
    const origin = createWorkerOrigin();
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
    const origin = createWorkerOrigin();
    const first = origin.worker();
    await store(origin, first.plugin, 'before the clear');
    first.stop();
    await origin.tab().clear(); // while the worker is stopped
    const { plugin } = origin.worker();
    expect(await cachedAnswer(origin, plugin)).toBeNull();
  });

  it('keeps a restarted worker\'s contents when its content marker shows nothing was cleared', async () => {
    const origin = createWorkerOrigin();
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
    const { plugin } = createWorkerOrigin().worker();
    const accepted: WorkboxCorePlugin = plugin;
    expect(Object.keys(accepted).sort()).toEqual(['cacheDidUpdate', 'cacheWillUpdate', 'cachedResponseWillBeUsed', 'handlerWillStart']);
  });

  it('vetoes, and reports, a strategy that reads another cache than the bound one', async () => {
    const origin = createWorkerOrigin();
    const { plugin, errors } = origin.worker();
    const run = handler();
    await plugin.handlerWillStart(run);
    expect(await plugin.cachedResponseWillBeUsed({ ...run, cacheName: 'other', cachedResponse: new Response('x') })).toBeNull();
    expect(String(errors[0])).toMatch(/strategy reads cache "other" but the binding is for "api-v1"; pass \{ cacheName: binding.cacheName \}/);
  });
});

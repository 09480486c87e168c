// A reset (a namespace-wide clear from the server feed, hub.applyRemote(null)) must reach a
// service worker's Cache Storage like any clear of its id: it moves the namespace-wide marker, not
// the id's own, so the content marker records both (src/service-worker/content-marker.ts).
import { afterEach, expect, it } from 'vitest';
import { createSyncHub, type SyncHub } from '../../src/index.js';
import { createMemoryBus, createMemoryStore, createManualClock } from '../../src/testing/index.js';
import { bindCacheStorage, type CacheStorageBinding, createFetchCheck } from '../../src/service-worker/index.js';
import { recordingLogger } from '../helpers/tabs.js';
import { createMemoryCacheStorage } from './helpers/memory-cache-storage.js';

const DATA = 'http://localhost/api/data';
const hubs: SyncHub[] = [];
const bindings: CacheStorageBinding[] = [];
afterEach(() => {
  bindings.splice(0).forEach((binding) => binding.dispose());
  hubs.splice(0).forEach((hub) => hub.close());
});

/** Lets queued promise reactions run (memory store and memory Cache Storage answer in microtasks). */
async function flush(): Promise<void> {
  for (let turn = 0; turn < 50; turn++) await Promise.resolve();
}

/** One origin: a tab, and workers started on demand, all on one store, one clock and one Cache Storage. */
function createOrigin() {
  const store = createMemoryStore();
  const bus = createMemoryBus();
  const clock = createManualClock();
  const storage = createMemoryCacheStorage();
  const hubOn = (hearsNudges: boolean): SyncHub => {
    const hub = createSyncHub({ store, clock: clock.now, notifier: (hearsNudges ? bus : createMemoryBus()).connect(), logger: recordingLogger() });
    hubs.push(hub);
    return hub;
  };
  const startWorker = (hearsNudges = true) => {
    const hub = hubOn(hearsNudges);
    const binding = bindCacheStorage('api', { cacheName: 'api-v1', check: createFetchCheck({ hub, interval: 0 }), caches: storage.caches, fetch: async () => new Response('from the network') });
    bindings.push(binding);
    return { hub, binding, stop: () => (binding.dispose(), hub.close()) };
  };
  return { tab: hubOn(true), clock, startWorker };
}

/** A worker that stored `text` for DATA and stopped, its content marker written. */
async function storedAndStopped(origin: ReturnType<typeof createOrigin>, text: string): Promise<void> {
  await origin.tab.clear('api');
  const worker = origin.startWorker();
  expect(await worker.binding.put(DATA, new Response(text))).toBe(true);
  expect(await (await worker.binding.match(DATA))?.text()).toBe(text);
  worker.stop();
}

it('a worker restarted right after a reset deletes what it stored before', async () => {
  const origin = createOrigin();
  await storedAndStopped(origin, 'before the reset');
  await origin.tab.applyRemote(null, new Map());
  const restarted = origin.startWorker(false);
  expect(await restarted.binding.match(DATA)).toBeUndefined();
});

it('a worker restarted long after a reset deletes what it stored before', async () => {
  const origin = createOrigin();
  await storedAndStopped(origin, 'before the reset');
  await origin.tab.applyRemote(null, new Map());
  // Past the first-read slack: the hub adopts the namespace-wide marker silently (F2).
  origin.clock.step(60_000);
  const restarted = origin.startWorker(false);
  expect(await restarted.binding.match(DATA)).toBeUndefined();
});

it('a restarted worker that hears the reset nudge before its first request deletes what it stored before', async () => {
  const origin = createOrigin();
  await storedAndStopped(origin, 'before the reset');
  const restarted = origin.startWorker(true);
  await flush();
  await origin.tab.applyRemote(null, new Map());
  await flush();
  expect(await restarted.binding.match(DATA)).toBeUndefined();
});

it('a worker restarted with no reset in between keeps what it stored', async () => {
  const origin = createOrigin();
  await origin.tab.applyRemote(null, new Map());
  await storedAndStopped(origin, 'after the reset');
  origin.clock.step(60_000);
  const restarted = origin.startWorker(false);
  expect(await (await restarted.binding.match(DATA))?.text()).toBe('after the reset');
});

// The binding between a cache id and a Cache Storage cache: what it deletes, when, and what it
// keeps across a worker restart. Tabs and workers are hubs on one shared memory store; a worker
// "restarts" by closing its hub and binding a fresh one to the same (memory) Cache Storage.
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncHub } from '../../src/index.js';
import { createMemoryBus, createMemoryStore } from '../../src/testing/index.js';
import { bindCacheStorage, createFetchCheck, type FetchEventLike } from '../../src/service-worker/index.js';
import { recordingLogger } from '../helpers/tabs.js';
import { createFaultyStore } from '../../src/testing/faulty-store.js';
import { CACHE, closeAfterTest, closeWorkerOrigins, createWorkerOrigin, type WorkerOrigin } from './helpers/worker-origin.js';

const DATA = 'http://localhost/api/data';

afterEach(closeWorkerOrigins);

/** Lets queued promise reactions run (memory store and memory Cache Storage answer in microtasks). */
async function flush(): Promise<void> {
  for (let turn = 0; turn < 50; turn++) await Promise.resolve();
}


async function text(response: Response | undefined): Promise<string | undefined> {
  return response?.text();
}

describe('bindCacheStorage', () => {
  it('serves what it stored until a tab clears the id, then misses, having deleted the entries', async () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker();
    const tab = origin.tab();
    expect(await binding.put(DATA, new Response('v1'))).toBe(true);
    expect(await text(await binding.match(DATA))).toBe('v1');

    await tab.clear();
    expect(await binding.match(DATA)).toBeUndefined();
    expect(origin.storage.urls(CACHE) ?? []).not.toContain(DATA);
  });

  it('catches a clear it never heard of with the check before the next match', async () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker();
    await binding.put(DATA, new Response('v1'));
    await binding.match(DATA);

    await origin.tab(false).clear();
    expect(await binding.match(DATA)).toBeUndefined();
  });

  it('deletes at the restarted worker\'s first match what was stored before a clear made while it was stopped', async () => {
    const origin = createWorkerOrigin();
    const first = origin.worker();
    await first.binding.put(DATA, new Response('v1'));
    expect(await text(await first.binding.match(DATA))).toBe('v1');
    first.stop();

    await origin.tab().clear();
    expect(origin.storage.urls(CACHE)).toContain(DATA); // nothing ran in the worker meanwhile

    const restarted = origin.worker(false);
    expect(await restarted.binding.match(DATA)).toBeUndefined();
    expect(origin.storage.urls(CACHE) ?? []).not.toContain(DATA);
    expect(restarted.binding.information).toMatchObject({ emptied: 1 });
  });

  it('keeps the contents across a restart when nothing was cleared', async () => {
    const origin = createWorkerOrigin();
    await origin.tab().clear(); // a marker exists, so the content marker names a real clear
    const first = origin.worker();
    await first.binding.put(DATA, new Response('v1'));
    first.stop();

    const restarted = origin.worker();
    expect(await text(await restarted.binding.match(DATA))).toBe('v1');
    expect(restarted.binding.information).toMatchObject({ emptied: 0, contentMarker: expect.stringMatching(/:1$/) });
  });

  it('keeps the contents across a restart after a clear it had applied and recorded', async () => {
    const origin = createWorkerOrigin();
    const first = origin.worker();
    await first.binding.put(DATA, new Response('v1'));
    await origin.tab().clear();
    expect(await first.binding.match(DATA)).toBeUndefined();
    expect(await first.binding.put(DATA, new Response('v2'))).toBe(true);
    first.stop();

    const restarted = origin.worker();
    expect(await text(await restarted.binding.match(DATA))).toBe('v2');
  });

  it('spends one read on a restarted worker\'s first request besides the hub\'s own first read', async () => {
    const store = createFaultyStore(createMemoryStore());
    const origin = createWorkerOrigin({ store });
    const first = origin.worker();
    await first.binding.put(DATA, new Response('v1'));
    first.stop();

    const before = store.calls.read;
    const { binding } = origin.worker();
    let responded: Promise<Response> | undefined;
    binding.handleFetch({ request: new Request(DATA), respondWith: (response) => (responded = Promise.resolve(response)), waitUntil() {} });
    expect(await (await responded!).text()).toBe('v1');
    // The hub's first read of the id, and the request's check, which start-up reconciliation shares.
    expect(store.calls.read - before).toBe(2);
  });

  it('deletes at start-up contents it cannot vouch for: no content marker, or another id\'s', async () => {
    const origin = createWorkerOrigin();
    await origin.storage.seed(CACHE, DATA, 'put there by older code');
    const { binding, stop } = origin.worker();
    expect(await binding.match(DATA)).toBeUndefined();
    await binding.put(DATA, new Response('v1'));
    stop();

    const other = createSyncHub({ store: origin.store, notifier: createMemoryBus().connect(), logger: recordingLogger() });
    closeAfterTest(other);
    const renamed = bindCacheStorage('menu', { cacheName: CACHE, check: createFetchCheck({ hub: other, interval: 0 }), caches: origin.storage.caches });
    closeAfterTest(renamed);
    expect(await renamed.match(DATA)).toBeUndefined();
  });

  it('refuses a response requested before a clear, however late it arrives', async () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker();
    await binding.match(DATA);
    const token = binding.fillToken();
    await origin.tab().clear();
    await flush();

    expect(await binding.put(DATA, new Response('computed before the clear'), { token })).toBe(false);
    expect(await binding.match(DATA)).toBeUndefined();
    expect(binding.information).toMatchObject({ refusedPuts: 1 });
  });

  it('does not let a put under way when the id is cleared survive the clear', async () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker();
    await binding.match(DATA);
    const release = origin.storage.holdNextPut();
    const putting = binding.put(DATA, new Response('v1'));
    await flush();

    await origin.tab().clear();
    await flush();
    release();
    await putting;
    expect(await binding.match(DATA)).toBeUndefined();
    expect(origin.storage.urls(CACHE) ?? []).not.toContain(DATA);
  });

  it('serves nothing while a deletion is pending or failed, and deletes again', async () => {
    const origin = createWorkerOrigin();
    const { binding, errors } = origin.worker();
    await binding.put(DATA, new Response('v1'));
    origin.storage.failNextDelete();
    await origin.tab().clear();
    await flush();
    expect(errors).toHaveLength(1);
    expect(origin.storage.urls(CACHE)).toContain(DATA); // the deletion failed

    expect(await binding.match(DATA)).toBeUndefined();
    await flush();
    expect(origin.storage.urls(CACHE) ?? []).not.toContain(DATA);
    expect(binding.information).toMatchObject({ bypassedMatches: 1 });
  });

  it('never records a content marker ahead of a deletion that has not run', async () => {
    // The worker is stopped while the deletion for a clear it heard is still pending: the content
    // marker must still name the older clear, so the restarted worker deletes.
    const origin = createWorkerOrigin();
    const first = origin.worker();
    await first.binding.put(DATA, new Response('v1'));
    origin.storage.holdNextDelete(); // never released: the worker dies first
    await origin.tab().clear();
    void first.binding.match(DATA);
    await flush();
    first.stop();

    const restarted = origin.worker();
    expect(await restarted.binding.match(DATA)).toBeUndefined();
  });

  it('never records a clear it has not applied yet as the one the contents belong to', async () => {
    // A content-marker write queued before a clear the worker learns of by its check, and run
    // before that clear's deletion: had it recorded the newer marker, a worker stopped in between
    // would restart vouching for contents older than that clear.
    const origin = createWorkerOrigin();
    const { binding, stop } = origin.worker();
    const OTHER = 'http://localhost/api/other';
    await binding.match(OTHER);
    await origin.tab().clear(); // heard: the deletion runs and records the older marker
    await flush();
    expect(await binding.put(DATA, new Response('stored after the first clear'))).toBe(true);

    const releaseMarkerWrite = origin.storage.holdNextPut();
    void binding.match(OTHER); // adopts the first clear's marker: a content-marker write starts and hangs
    await flush();
    void binding.match(OTHER); // queues a second write behind it
    await flush();
    await origin.tab(false).clear(); // unheard: learnt by the next check, which empties
    void binding.match(OTHER);
    await flush();
    origin.storage.holdNextDelete(); // that clear's deletion never runs: the worker stops first
    releaseMarkerWrite();
    await flush();
    stop();

    const restarted = origin.worker();
    expect(await restarted.binding.match(DATA)).toBeUndefined();
  });

  it('reaches tabs and other workers with a clear made in the worker, and empties its own cache', async () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker();
    const liveTab = origin.tab();
    const deafTab = origin.tab(false);
    await deafTab.checkState();
    liveTab.set('a', '1');
    deafTab.set('a', '1');
    await binding.put(DATA, new Response('v1'));

    await binding.clear();
    expect(origin.storage.urls(CACHE) ?? []).not.toContain(DATA);
    await flush();
    expect(liveTab.size).toBe(0);
    await expect(deafTab.checkState()).resolves.toBe(true);
    expect(origin.store.peek('api')).toMatchObject({ gen: 1 });
    expect(binding.information.contentMarker).toMatch(/:1$/);
  });

  it('answers fetch events cache-first: the network once, then the cache, then the network after a clear', async () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker();
    const answer = async (): Promise<string> => {
      const kept: Array<Promise<unknown>> = [];
      let responded: Promise<Response> | undefined;
      const event: FetchEventLike = {
        request: new Request(DATA),
        respondWith: (response) => (responded = Promise.resolve(response)),
        waitUntil: (promise) => kept.push(promise),
      };
      binding.handleFetch(event);
      const body = await (await responded!).text();
      await Promise.all(kept);
      return body;
    };
    expect(await answer()).toBe('network answer 1');
    expect(await answer()).toBe('network answer 1');
    await origin.tab().clear();
    expect(await answer()).toBe('network answer 2');
    expect(await answer()).toBe('network answer 2');
  });

  it('answers stale-while-revalidate: the cache at once while the network refreshes it, and never what a clear made stale', async () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker(false);
    const answer = async (): Promise<string> => {
      const kept: Array<Promise<unknown>> = [];
      let responded: Promise<Response> | undefined;
      binding.handleFetch(
        { request: new Request(DATA), respondWith: (response) => (responded = Promise.resolve(response)), waitUntil: (promise) => kept.push(promise) },
        'stale-while-revalidate',
      );
      const body = await (await responded!).text();
      await Promise.all(kept);
      return body;
    };
    expect(await answer()).toBe('network answer 1'); // a miss: the network answers and is stored
    expect(await answer()).toBe('network answer 1'); // stale answer served, answer 2 stored behind it
    expect(origin.network.requests).toBe(2);
    expect(await answer()).toBe('network answer 2');
    // A clear the worker never hears of: the check before serving finds it, so the stored answer is gone.
    await origin.tab(false).clear();
    expect(await answer()).toBe('network answer 4');
  });

  it('answers network-first, and from the cache when the network fails', async () => {
    const origin = createWorkerOrigin();
    const hub = createSyncHub({ store: origin.store, notifier: createMemoryBus().connect(), logger: recordingLogger() });
    closeAfterTest(hub);
    let online = true;
    const binding = bindCacheStorage('api', {
      cacheName: CACHE,
      check: createFetchCheck({ hub, interval: 0 }),
      caches: origin.storage.caches,
      fetch: async () => {
        if (!online) throw new TypeError('Failed to fetch');
        return new Response('fresh');
      },
    });
    closeAfterTest(binding);
    const answer = async (): Promise<string> => {
      const kept: Array<Promise<unknown>> = [];
      let responded: Promise<Response> | undefined;
      binding.handleFetch(
        { request: new Request(DATA), respondWith: (response) => (responded = Promise.resolve(response)), waitUntil: (promise) => kept.push(promise) },
        'network-first',
      );
      const body = await (await responded!).text();
      await Promise.all(kept);
      return body;
    };
    expect(await answer()).toBe('fresh');
    online = false;
    expect(await answer()).toBe('fresh');
    await origin.tab(false).clear();
    await expect(answer()).rejects.toThrow('Failed to fetch');
  });

  it('bypasses Cache Storage while markers are not shared', async () => {
    const origin = createWorkerOrigin({ store: createMemoryStore('local-only') });
    const { binding } = origin.worker();
    await origin.storage.seed(CACHE, DATA, 'unknown age');
    expect(await binding.put(DATA, new Response('v1'))).toBe(false);
    expect(await binding.match(DATA)).toBeUndefined();
    expect(binding.information).toMatchObject({ bypassedMatches: 1, refusedPuts: 1 });
  });

  it('refuses a second binding of one cache name, and bad options, naming the fix', () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker();
    const again = () => bindCacheStorage('other', { cacheName: CACHE, caches: origin.storage.caches, hub: binding.hub });
    expect(again).toThrow(/Cache Storage cache "api-v1" is already bound \(to id "api"\) in this realm; reuse that binding, bind another cacheName, or call dispose\(\) on it first/);
    binding.dispose();
    closeAfterTest(again());
    expect(() => binding.match(DATA)).toThrow(/match\(\) was called after dispose\(\); bind the cache again with bindCacheStorage\("api", \{ cacheName: "api-v1" \}\)/);

    expect(() => bindCacheStorage('', { cacheName: 'x' })).toThrow(/the id must be a non-empty string/);
    expect(() => bindCacheStorage('api', undefined as never)).toThrow(/options with a cacheName are required/);
    expect(() => bindCacheStorage('api', { cacheName: '' })).toThrow(/cacheName must name the Cache Storage cache to bind/);
    expect(() => bindCacheStorage('api', { cacheName: 'x' })).toThrow(/this realm has no Cache Storage; it exists in service workers and pages of secure contexts/);
    const elsewhere = createSyncHub({ store: createMemoryStore(), notifier: createMemoryBus().connect() });
    closeAfterTest(elsewhere);
    expect(() => bindCacheStorage('api', { cacheName: 'x', hub: binding.hub, check: createFetchCheck({ hub: elsewhere }) })).toThrow(/belongs to another hub/);
  });

  it('leaves requests other than GET to the browser', () => {
    const origin = createWorkerOrigin();
    const { binding } = origin.worker();
    let responded = false;
    binding.handleFetch({ request: new Request(DATA, { method: 'POST', body: 'x' }), respondWith: () => (responded = true), waitUntil() {} });
    expect(responded).toBe(false);
    expect(() => binding.handleFetch({ request: new Request(DATA), respondWith() {}, waitUntil() {} }, 'fastest' as never)).toThrow(
      /strategy must be 'cache-first', 'network-first', 'stale-while-revalidate', got "fastest"/
    );
  });
});

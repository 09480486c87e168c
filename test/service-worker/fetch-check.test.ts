// The throttled check a service worker runs at the start of each fetch and message event.
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncHub, LocalSyncCache, type SyncHub } from '../../src/index.js';
import { createMemoryBus, createMemoryStore } from '../../src/testing/index.js';
import { checkOnFetch, createFetchCheck, getFetchCheck } from '../../src/service-worker/index.js';
import { recordingLogger } from '../helpers/tabs.js';
import { createFaultyStore, type FaultyStore } from '../../src/testing/faulty-store.js';
import { createManualClock } from '../../src/testing/manual-clock.js';

const hubs: SyncHub[] = [];
afterEach(() => hubs.splice(0).forEach((hub) => hub.close()));

/** Lets queued promise reactions run (the memory store answers within a few microtasks). */
async function flush(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await Promise.resolve();
}

function hubOn(store: FaultyStore): SyncHub {
  // Each realm on its own bus: no nudges, so only checks can catch a clear.
  const hub = createSyncHub({ store, notifier: createMemoryBus().connect(), logger: recordingLogger() });
  hubs.push(hub);
  return hub;
}

/** A worker hub with one cache, past its first read, and a tab that clears the same id unheard. */
async function setUp(interval: number) {
  const store = createFaultyStore(createMemoryStore());
  const worker = hubOn(store);
  const cache = new LocalSyncCache<string, string>('ids', { hub: worker });
  const tab = new LocalSyncCache<string, string>('ids', { hub: hubOn(store) });
  await flush();
  const timers = createManualClock(0);
  const check = createFetchCheck({ hub: worker, interval, timers });
  return { store, worker, cache, tab, timers, check, readsBefore: store.calls.read };
}

describe('createFetchCheck', () => {
  it('makes a burst shorter than the interval cost two reads: the first request\'s and one for all the others', async () => {
    const { store, timers, check, readsBefore } = await setUp(10);
    const answers: Array<Promise<unknown>> = [];
    for (let ms = 0; ms < 10; ms++) {
      answers.push(check.check(), check.check());
      await flush();
      timers.advance(1);
    }
    await flush();
    await Promise.all(answers);
    expect(store.calls.read - readsBefore).toBe(2);
    expect(check.statistics).toEqual({ calls: 20, checks: 2 });
  });

  it('starts at most one check per interval in a long stream of requests', async () => {
    const { store, timers, check, readsBefore } = await setUp(10);
    const answers: Array<Promise<unknown>> = [];
    for (let ms = 0; ms < 30; ms++) {
      answers.push(check.check());
      await flush();
      timers.advance(1);
    }
    await flush();
    await Promise.all(answers);
    // Started at 0, 10, 20 and 30 ms.
    expect(store.calls.read - readsBefore).toBe(4);
  });

  it('answers a request that arrived after a check began only with a check that began after it', async () => {
    const { store, cache, tab, timers, check } = await setUp(10);
    cache.set('k', 'stored before the clear');
    store.holdReads();
    let firstDone = false;
    const first = check.check().then((result) => {
      firstDone = true;
      return result;
    });
    await flush();
    expect(store.held.length).toBe(1);

    await tab.clear(); // committed after the first read began, before the second request arrives
    let secondDone = false;
    const second = check.check().then((result) => {
      secondDone = true;
      return result;
    });
    store.release(0);
    await flush();
    expect(firstDone).toBe(true);
    expect((await first).emptied).toEqual([]);
    expect(secondDone).toBe(false);
    expect(cache.has('k')).toBe(true);

    timers.advance(10);
    await flush();
    expect(store.held.length).toBe(1);
    store.holdReads(false);
    store.releaseAll();
    expect((await second).emptied).toEqual(['ids']);
    expect(cache.has('k')).toBe(false);
  });

  it('never starts a check while the previous one still reads, however long it takes', async () => {
    const { store, timers, check, readsBefore } = await setUp(0);
    store.holdReads();
    const first = check.check();
    await flush();
    const later = [check.check(), check.check()];
    timers.advance(1_000_000);
    await flush();
    expect(store.calls.read - readsBefore).toBe(1);
    expect(check.statistics.checks).toBe(1);

    store.release(0);
    await first;
    await flush();
    expect(store.calls.read - readsBefore).toBe(2);
    store.holdReads(false);
    store.releaseAll();
    const [a, b] = await Promise.all(later);
    expect(a).toBe(b);
  });

  it('starts a lone request\'s check at once, without a timer', async () => {
    const { store, timers, check, readsBefore } = await setUp(10);
    void check.check();
    // The hub starts its read in a microtask, so that triggers of one task share it.
    await Promise.resolve();
    expect(store.calls.read - readsBefore).toBe(1);
    expect(timers.due).toEqual([]);
  });

  it('waits one interval, not until the clock catches up, when the clock stepped back', async () => {
    const { timers, check } = await setUp(10);
    timers.set(1_000_000);
    await check.check();
    timers.set(5);
    const next = check.check();
    expect(timers.due).toEqual([15]);
    timers.advance(10);
    await expect(next).resolves.toMatchObject({ checked: ['ids'] });
  });

  it('covers a clear committed while an older read was still in flight', async () => {
    // The first read of a freshly started worker is still out when the first request arrives,
    // and finishes before the request's own read: the later read must still be applied.
    const store = createFaultyStore(createMemoryStore());
    const tab = new LocalSyncCache<string, string>('ids', { hub: hubOn(store) });
    await tab.clear();
    store.holdReads();
    const worker = hubOn(store);
    const cache = new LocalSyncCache<string, string>('ids', { hub: worker });
    await flush();
    expect(store.held.length).toBe(1); // the worker's first read, from before the clear below
    cache.set('k', 'stored before the clear');

    await tab.clear();
    const covering = createFetchCheck({ hub: worker, timers: createManualClock(0) }).check();
    await flush();
    expect(store.held.length).toBe(2);
    store.release(0);
    await flush();
    store.holdReads(false);
    store.releaseAll();
    await covering;
    expect(cache.has('k')).toBe(false);
    expect(worker.adoptedMarker('ids')).toMatchObject({ gen: 2 });
  });

  it('gives every handler of one event, and matches of its request, the same check', async () => {
    const { store, check, readsBefore } = await setUp(10);
    const event = { request: new Request('http://localhost/a'), waitUntil() {} };
    const covering = check.forEvent(event);
    expect(check.forEvent(event)).toBe(covering);
    expect(check.forRequest(event.request)).toBe(covering);
    expect(check.forRequest(new Request('http://localhost/a'))).not.toBe(covering);
    await covering;
    expect(store.calls.read - readsBefore).toBeGreaterThanOrEqual(1);
  });

  it('rejects with the fix once its hub is closed', async () => {
    const { worker, check } = await setUp(10);
    worker.close();
    await expect(check.check()).rejects.toThrow(/after its hub was closed; create a new one with createFetchCheck\(\{ hub \}\)/);
  });

  it('refuses bad options, naming the fix', () => {
    expect(() => createFetchCheck({ interval: -1 })).toThrow(/interval must be a number of milliseconds, 0 or more, got number -1; for example \{ interval: 10 \}/);
    expect(() => createFetchCheck({ timers: {} as never })).toThrow(/timers must have now\(\) and setTimeout/);
    expect(() => createFetchCheck({ hub: {} as never })).toThrow(/hub must come from createSyncHub\(\)/);
  });

  it('shares one check per hub between everything that does not name one', () => {
    const hub = hubOn(createFaultyStore(createMemoryStore()));
    expect(getFetchCheck(hub)).toBe(getFetchCheck(hub));
    expect(getFetchCheck(hubOn(createFaultyStore(createMemoryStore())))).not.toBe(getFetchCheck(hub));
  });
});

describe('checkOnFetch', () => {
  it('starts a check at the start of each fetch and message event and keeps the worker alive for it', async () => {
    const { check } = await setUp(0);
    const listeners = new Map<string, (event: never) => void>();
    const scope = {
      addEventListener: (type: string, listener: (event: never) => void) => listeners.set(type, listener),
      removeEventListener: (type: string) => listeners.delete(type),
    };
    const stop = checkOnFetch({ check, scope });
    expect([...listeners.keys()].sort()).toEqual(['fetch', 'message']);

    const kept: Array<Promise<unknown>> = [];
    const fetchEvent = { request: new Request('http://localhost/a'), waitUntil: (promise: Promise<unknown>) => kept.push(promise) };
    listeners.get('fetch')!(fetchEvent as never);
    expect(kept).toHaveLength(1);
    expect(check.forEvent(fetchEvent)).toBe(check.forRequest(fetchEvent.request));
    listeners.get('message')!({ waitUntil: (promise: Promise<unknown>) => kept.push(promise) } as never);
    expect(kept).toHaveLength(2);
    await Promise.all(kept);

    stop();
    expect(listeners.size).toBe(0);
  });

  it('explains where to call it when there is no service worker scope', () => {
    expect(() => checkOnFetch()).toThrow(/no service worker scope here; call it at the top level of a service worker script, or pass \{ scope \}/);
  });
});

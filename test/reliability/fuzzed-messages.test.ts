// Foreign traffic on the real channel: any script of the origin can post on
// `local-sync-cache:<namespace>`. 10,000 arbitrary payloads reach a hub through Node's native
// BroadcastChannel and its default notifier; none may throw, pollute, empty a cache or cost a
// store read.
//
// Payloads come from fast-check with a printed seed; repeat a session with:
//   LSC_SEED=<seed> npx vitest run test/reliability/fuzzed-messages.test.ts
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncHub, LocalSyncCache, getCacheInformation } from '../../src/index.js';
import { createMemoryStore } from '../../src/testing/index.js';
import { createFaultyStore } from '../../src/testing/faulty-store.js';
import { recordingLogger, uniqueNamespace } from '../helpers/tabs.js';

const SEED = process.env.LSC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.LSC_SEED);
const PAYLOADS = 10_000;
const NUDGE_TYPE = 'local-sync-cache:cleared';

const opened: Array<{ close(): void }> = [];
afterEach(() => opened.splice(0).forEach((thing) => thing.close()));

/** A hub on the default notifier (the native channel), with a store wrapper that counts reads. */
async function listeningHub() {
  const namespace = uniqueNamespace();
  const store = createFaultyStore(createMemoryStore());
  const errors: unknown[] = [];
  const logger = recordingLogger();
  const hub = createSyncHub({ namespace, store, logger, onError: (error) => errors.push(error) });
  opened.push(hub);
  const pageUrls = new LocalSyncCache<string, string>('page-urls', { hub });
  const menu = new LocalSyncCache<string, string>('menu', { hub });
  // Marks the end of a batch (see drain); created now, so that its first store read is behind us.
  const end = new LocalSyncCache<string, number>('end-of-batch', { hub });
  await vi.waitFor(() => expect(hub.adoptedMarker('end-of-batch')).toBeDefined());
  pageUrls.set('/about/', 'About');
  menu.set('home', '/');
  const stranger = new BroadcastChannel(`local-sync-cache:${namespace}`);
  opened.push(stranger);
  const drain = async (): Promise<void> => {
    // A channel delivers one sender's messages in order, so once a last, valid nudge for a cache
    // of its own has emptied it, everything posted before has arrived.
    end.set('pending', 1);
    stranger.postMessage({ type: NUDGE_TYPE, version: 1, id: end.id, by: `stranger#end-${Math.random()}` });
    // A guard against a hang, not a performance bound: delivery normally takes well under a second.
    await vi.waitFor(() => expect(end.size).toBe(0), { timeout: 60_000, interval: 5 });
  };
  return { hub, store, errors, logger, pageUrls, menu, stranger, drain };
}

function prototypeState(): string {
  const describe = (target: object) =>
    Reflect.ownKeys(target).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(target, key)!;
      return [String(key), typeof descriptor.value, descriptor.get === undefined, descriptor.writable, descriptor.enumerable];
    });
  return JSON.stringify([describe(Object.prototype), describe(Array.prototype), describe(Function.prototype)]);
}

/** Values built to look like nudges, or to reach prototypes, plus the huge and the deep. */
function craftedPayloads(): unknown[] {
  const nudge = { type: NUDGE_TYPE, version: 1, id: 'page-urls', by: 'stranger#1' };
  let deep: unknown = nudge;
  for (let level = 0; level < 2_000; level++) deep = { type: NUDGE_TYPE, next: deep };
  let deepArray: unknown = ['page-urls'];
  for (let level = 0; level < 2_000; level++) deepArray = [deepArray];
  return [
    JSON.parse(`{"__proto__": ${JSON.stringify(nudge)}}`),
    JSON.parse(`{"__proto__": {"polluted": true}, "type": "${NUDGE_TYPE}", "version": 1}`),
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
    { constructor: { prototype: { polluted: true } }, ...nudge, version: 2 },
    { ...nudge, version: '1' },
    { ...nudge, version: 1.5 },
    { ...nudge, type: NUDGE_TYPE.toUpperCase() },
    { ...nudge, id: null }, // (the empty id is the namespace-wide one, src/core/namespace-id.ts)
    { ...nudge, id: 'x'.repeat(1_001) },
    { ...nudge, by: 42 },
    { ...nudge, by: '' },
    { ...nudge, id: ['page-urls'] },
    { type: NUDGE_TYPE, version: 1, id: 'page-urls' },
    Object.assign(Object.create(null), { type: NUDGE_TYPE, version: 1, by: 'stranger#2' }),
    [NUDGE_TYPE, 1, 'page-urls', 'stranger#3'],
    Object.assign([], nudge),
    new Map(Object.entries(nudge)),
    new Set([nudge]),
    `{"type":"${NUDGE_TYPE}","version":1,"id":"page-urls","by":"stranger#4"}`,
    new Date(),
    /page-urls/g,
    new Uint8Array(1_000_000),
    new ArrayBuffer(16),
    new Error('page-urls'),
    'x'.repeat(5_000_000),
    Array.from({ length: 100_000 }, (_, index) => index),
    Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`key${index}`, index])),
    deep,
    deepArray,
    undefined,
    null,
    Number.NaN,
    -0,
    10n ** 100n,
  ];
}

describe('malformed channel messages', () => {
  it(`ignores and counts ${PAYLOADS} arbitrary payloads without harm (seed ${SEED})`, async () => {
    console.log(`fuzzed messages: seed ${SEED}`);
    const { hub, store, errors, logger, pageUrls, menu, stranger, drain } = await listeningHub();
    const readsBefore = store.calls.read;
    const prototypesBefore = prototypeState();

    const crafted = craftedPayloads();
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'version', 'id', 'by', 'toString', 'hasOwnProperty'));
    const arbitrary = fc.sample(
      fc.anything({
        key,
        maxDepth: 4,
        maxKeys: 8,
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
        withUnicodeString: true,
      }),
      { numRuns: PAYLOADS - crafted.length, seed: SEED },
    );
    let posted = 0;
    let uncloneable = 0;
    for (const payload of [...crafted, ...arbitrary]) {
      try {
        stranger.postMessage(payload);
        posted += 1;
      } catch (error) {
        // The sender's own structured clone refused it (a boxed symbol, say): it never reached us.
        if ((error as Error).name !== 'DataCloneError') throw error;
        uncloneable += 1;
      }
    }
    await drain();

    // Every payload arrived, was ignored and counted; the one valid nudge (the drain) was not counted.
    expect(posted + uncloneable).toBe(PAYLOADS);
    expect(posted).toBeGreaterThan(PAYLOADS * 0.9);
    expect(hub.diagnostics.malformedMessages).toBe(posted);
    expect(errors).toEqual([]);
    expect(logger.error).not.toHaveBeenCalled();
    expect(prototypeState()).toBe(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(pageUrls.get('/about/')).toBe('About');
    expect(menu.get('home')).toBe('/');
    for (const row of getCacheInformation(hub).filter((entry) => entry.id !== 'end-of-batch')) expect(row).toMatchObject({ externalClears: 0, precautionClears: 0 });
    // Foreign messages cost no store read at all.
    expect(store.calls.read).toBe(readsBefore);
  }, 120_000);
});

describe('a flood of valid nudges', () => {
  it('empties a cache once per clear, and never reads the store for them', async () => {
    const { hub, store, pageUrls, menu, stranger, drain } = await listeningHub();
    const readsBefore = store.calls.read;
    let emptied = 0;
    pageUrls.subscribe(() => {
      emptied += 1;
      // Refilled at once, so that each later nudge has something to empty.
      pageUrls.set('/about/', 'About');
    });
    // 1,000 distinct clears, each announced three times (a sender that retries, or a duplicate).
    for (let round = 0; round < 3; round++) {
      for (let clear = 0; clear < 1_000; clear++) stranger.postMessage({ type: NUDGE_TYPE, version: 1, id: 'page-urls', by: `stranger#${clear}` });
    }
    await drain();

    // Duplicates within the realm's memory of recent tokens empty nothing; beyond it, a repeat
    // is one more (counted) spurious clear, never a missed one.
    expect(emptied).toBeGreaterThanOrEqual(1_000);
    expect(getCacheInformation(hub).find((row) => row.id === 'page-urls')!.externalClears).toBe(emptied);
    expect(menu.get('home')).toBe('/');
    expect(hub.diagnostics.malformedMessages).toBe(0);
    // A nudge empties the cache itself; however many arrive, none waits on or causes a store read.
    expect(store.calls.read).toBe(readsBefore);
  }, 120_000);

  it('ignores repeats of recent clears: each clear empties once', async () => {
    const { pageUrls, stranger, drain } = await listeningHub();
    let emptied = 0;
    pageUrls.subscribe(() => {
      emptied += 1;
      pageUrls.set('/about/', 'About');
    });
    for (let round = 0; round < 50; round++) {
      for (let clear = 0; clear < 10; clear++) stranger.postMessage({ type: NUDGE_TYPE, version: 1, id: 'page-urls', by: `stranger#${clear}` });
    }
    await drain();
    expect(emptied).toBe(10);
  });
});

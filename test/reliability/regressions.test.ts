// Counterexamples the model test found, each replayed step by step so that a regression shows
// here by name. The seed and path that first found each are in the test name's comment.
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../src/testing/index.js';
import { closeTabs, createMemoryTabs, type MemoryTab as Tab } from '../helpers/tabs.js';
import { getCacheInformation } from '../../src/index.js';

afterEach(closeTabs);

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Tabs on one store and one bus; each holds its incoming nudges until the test says. */
const tabs = (count: number, shared: MemoryStore = createMemoryStore()): Promise<Tab[]> => createMemoryTabs(count, { shared });

const counts = (tab: Tab) => {
  const { ownClears, externalClears, precautionClears } = getCacheInformation(tab.hub)[0];
  return { ownClears, externalClears, precautionClears };
};

describe('found by the model test', () => {
  // LSC_SEED=385888021 LSC_PATH=124:0:3:4:9:10:10
  it('empties a tab once for a clear it met first as the marker its own clear overwrote, then as a late nudge', async () => {
    const [a, b] = await tabs(2);
    await a.cache.clear();
    await b.cache.clear();
    b.notifier.deliverAll();
    expect(counts(b)).toEqual({ ownClears: 1, externalClears: 1, precautionClears: 0 });
  });

  // LSC_SEED=385888021 LSC_PATH=125:0:13:14:16:11
  it('does not count a tab\'s own racing clears as clears from elsewhere', async () => {
    const [a] = await tabs(2);
    a.store.holdNext(1, 'after');
    const first = a.cache.clear();
    await settle();
    await a.cache.clear();
    a.store.releaseAll();
    await first;
    await a.hub.checkAll();
    expect(counts(a)).toEqual({ ownClears: 2, externalClears: 0, precautionClears: 0 });
  });

  // LSC_SEED=2112:3:2:3:4:8:8 (seed 385888021)
  it('counts the emptying as a precaution when its store falls back to local-only mid-way', async () => {
    const [a] = await tabs(2);
    const first = a.cache.clear();
    a.store.failNext(2);
    await a.cache.clear();
    await first;
    expect(a.hub.sharing).toBe('local-only');
    expect(counts(a).externalClears).toBe(0);
  });

  // Also the service worker's per-fetch promise: a check that began after a clear completed finds it.
  it('lets a newer read empty the cache even when an older read was adopted while it ran', async () => {
    const [reader, writer] = await tabs(2);
    await writer.cache.clear();
    reader.notifier.deliverAll();
    reader.cache.set('k', 'after the first clear');
    reader.store.holdNext(1, 'after');
    const older = reader.cache.checkState();
    await settle();
    await writer.cache.clear();
    reader.notifier.dropAll();
    reader.store.holdNext(1, 'after');
    const newer = reader.hub.checkAll();
    await settle();
    reader.store.release(0);
    await older;
    reader.store.release(0);
    await newer;
    expect(reader.cache.has('k')).toBe(false);
  });

  // LSC_SEED=4242, break "no-went-back": found after 1225 runs. The store no longer goes back:
  // a re-save now takes a fresh epoch (docs/protocol.md, R3), so the clear on top of it is news.
  it('catches a clear made on top of an older marker that another tab re-saved after a wipe', async () => {
    const shared = createMemoryStore();
    const [behind, ahead, other, late] = await tabs(4, shared);
    await behind.cache.clear();
    await ahead.hub.checkAll();
    await other.cache.clear();
    await other.cache.clear();
    await ahead.hub.checkAll();
    expect(ahead.hub.adoptedMarker('ids')?.gen).toBe(3);
    shared.wipe();
    // The tab whose last knowledge is its own clear puts that (older) marker back.
    await behind.hub.checkAll();
    await settle();
    expect(shared.peek('ids')).toMatchObject({ gen: 1 });
    ahead.cache.set('k', 'stored before the next clear');
    await late.cache.clear();
    expect(shared.peek('ids')).toMatchObject({ gen: 2 });
    // Generation 2 is lower than the 3 this tab saw, but of another epoch: not older, news (R4).
    await ahead.hub.checkAll();
    expect(ahead.cache.has('k')).toBe(false);
    expect(counts(ahead)).toMatchObject({ externalClears: 3, precautionClears: 0 });
  });

  // LSC_SEED=11, break "no-applied-in-emptied-here": found after 1923 runs
  it('counts a marker that comes back after a wipe, whose clear it had applied, as a precaution', async () => {
    const shared = createMemoryStore();
    const [a, b, c] = await tabs(3, shared);
    await a.cache.clear();
    await b.hub.checkAll();
    shared.wipe();
    await c.cache.clear();
    await b.hub.checkAll();
    shared.wipe();
    // a still holds its own marker as the last it knows, and puts it back.
    await a.hub.checkAll();
    await settle();
    expect(shared.peek('ids')).toMatchObject({ gen: 1, by: a.hub.adoptedMarker('ids')!.by });
    // Something to drop: a precaution over an empty cache is not counted.
    b.cache.set('k', 'stored before the re-save');
    await b.hub.checkAll();
    // Two clears happened elsewhere; the third emptying answers the lost marker, not a new clear.
    expect(counts(b)).toEqual({ ownClears: 0, externalClears: 2, precautionClears: 1 });
  });
});

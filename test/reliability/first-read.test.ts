// A cache's first store read (docs/protocol.md, F1-F3). Until it answers, the realm has no marker
// to compare with; entries stored meanwhile are at risk from a clear whose nudge was lost. The
// system clock, shared by every realm of the origin, is the hint: a marker written since this
// realm started listening (minus 1 s of slack) empties; an older one is adopted silently.
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncHub, LocalSyncCache, type SyncHub, getCacheInformation } from '../../src/index.js';
import { createMemoryBus, createMemoryStore } from '../../src/testing/index.js';
import { createFaultyNotifier } from '../../src/testing/faulty-notifier.js';
import { createFaultyStore } from '../../src/testing/faulty-store.js';
import { createManualClock } from '../../src/testing/manual-clock.js';
import { closeTabs, createMemoryTabs, recordingLogger } from '../helpers/tabs.js';

const hubs: SyncHub[] = [];
afterEach(() => {
  hubs.splice(0).forEach((hub) => hub.close());
  closeTabs();
});

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A tab that has been running (it cleared once), and a tab that is just starting, whose first read the test holds. */
async function aRunningTabAndANewOne() {
  const shared = createMemoryStore();
  const bus = createMemoryBus();
  const running = createSyncHub({ store: shared, notifier: bus.connect(), logger: recordingLogger() });
  const inRunning = new LocalSyncCache<string, string>('page-urls', { hub: running });
  await inRunning.clear();
  const store = createFaultyStore(shared);
  const notifier = createFaultyNotifier(bus.connect());
  notifier.hold();
  store.holdNext(1, 'before');
  const starting = createSyncHub({ store, notifier, logger: recordingLogger() });
  hubs.push(running, starting);
  const inStarting = new LocalSyncCache<string, string>('page-urls', { hub: starting });
  // The app fills the cache at once, long before IndexedDB answers (its first open takes tens of ms).
  inStarting.set('/about/', 'computed before the clear');
  await settle();
  expect(store.held).toHaveLength(1);
  return { running, inRunning, starting, inStarting, store, notifier };
}

describe('a clear made during a cache\'s first store read', () => {
  it('is caught when its nudge arrives before the read answers', async () => {
    const { inRunning, starting, inStarting, store, notifier } = await aRunningTabAndANewOne();
    await inRunning.clear();
    notifier.deliverAll();
    expect(inStarting.size).toBe(0);
    store.releaseAll();
    await settle();
    inStarting.set('/about/', 'computed after the clear');
    await starting.checkAll();
    expect(inStarting.get('/about/')).toBe('computed after the clear');
    // F3 empties even so (hearing this clear does not show that no earlier, unheard one committed
    // in between), but the nudge left nothing to drop: no precaution is counted for an empty cache.
    expect(getCacheInformation(starting)[0]).toMatchObject({ externalClears: 1, precautionClears: 0 });
  });

  it('is caught at the first read when its nudge is lost (F3)', async () => {
    const { inRunning, starting, inStarting, store, notifier } = await aRunningTabAndANewOne();
    await inRunning.clear();
    notifier.dropAll();
    store.releaseAll();
    await settle();
    expect(inStarting.get('/about/')).toBeUndefined();
    expect(getCacheInformation(starting)[0]).toMatchObject({ externalClears: 1, precautionClears: 0 });
    // And only once: a check afterwards finds nothing new.
    inStarting.set('/about/', 'computed after the clear');
    await starting.checkAll();
    expect(inStarting.get('/about/')).toBe('computed after the clear');
  });

  it('is caught when its nudge arrives only after the read answered', async () => {
    const { inRunning, inStarting, store, notifier } = await aRunningTabAndANewOne();
    await inRunning.clear();
    store.releaseAll();
    await settle();
    expect(inStarting.get('/about/')).toBeUndefined();
    // The first read emptied for it (F3), so its late nudge empties nothing more (N2).
    inStarting.set('/about/', 'computed after the clear');
    notifier.deliverAll();
    expect(inStarting.get('/about/')).toBe('computed after the clear');
  });

  it('is not at risk when the cache is filled only after its first read answered', async () => {
    const shared = createMemoryStore();
    const bus = createMemoryBus();
    const running = createSyncHub({ store: shared, notifier: bus.connect(), logger: recordingLogger() });
    const notifier = createFaultyNotifier(bus.connect());
    notifier.hold();
    const starting = createSyncHub({ store: shared, notifier, logger: recordingLogger() });
    hubs.push(running, starting);
    const inRunning = new LocalSyncCache<string, string>('page-urls', { hub: running });
    const inStarting = new LocalSyncCache<string, string>('page-urls', { hub: starting });
    // What an app can do to close the window: let a first check finish before filling.
    await starting.checkAll();
    inStarting.set('/about/', 'computed after the first read');
    await inRunning.clear();
    notifier.dropAll();
    await starting.checkAll();
    expect(inStarting.size).toBe(0);
    expect(getCacheInformation(starting)[0]).toMatchObject({ externalClears: 1 });
  });
});

// LSC_SEED=865606553, found when marker.time was the clear's start time: a write held back while
// a later clear committed carried an old time over that clear, and F2 adopted it silently.
describe('a first read that finds a marker written late', () => {
  it('empties for a recent clear in its history, although the marker\'s own clear started long before', async () => {
    const clock = createManualClock();
    const [writer, starting] = await createMemoryTabs(2, { hub: { clock: clock.now } });
    // The writer's first clear starts, and its write is held back.
    writer.store.holdNext(1, 'before');
    const late = writer.cache.clear();
    clock.step(5_000);
    // The other tab starts listening anew (a restore), holds its first read, and fills.
    starting.store.holdNext(1, 'before');
    starting.hub.emptyLocally();
    await Promise.resolve();
    starting.cache.set('k', 'computed before the next clear');
    clock.step(400);
    // A second clear commits first; its nudge to the starting tab is lost.
    await writer.cache.clear();
    starting.notifier.dropAll();
    // The held write lands over it; then the first read answers and sees that marker.
    writer.store.releaseAll();
    await late;
    starting.store.releaseAll();
    await settle();
    expect(starting.cache.has('k')).toBe(false);
  });
});

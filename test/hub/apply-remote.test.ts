// hub.applyRemote(): a clear from outside the browser (the server feed) applied exactly like a
// clear from another realm, with the stream cursor saved in the same store transaction; and the
// namespace-wide marker (src/core/namespace-id.ts) that empties every cache of the namespace.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalSyncCache, getCacheInformation } from '../../src/index.js';
import { createMemoryStore } from '../../src/testing/index.js';
import { parseMarker } from '../../src/core/marker.js';
import { createManualClock } from '../../src/testing/manual-clock.js';
import { closeTabs, createMemoryTabs } from '../helpers/tabs.js';

afterEach(() => closeTabs());

const withCursor = (cursor: string) => new Map([['cursor', cursor]]);

describe('hub.applyRemote(ids, extras)', () => {
  it('empties the ids here as an external clear, nudges, and commits every marker with the extras in one transaction', async () => {
    const shared = createMemoryStore();
    const [leader, other] = await createMemoryTabs(2, { shared });
    const second = new LocalSyncCache<string, string>('second', { hub: leader.hub });
    leader.cache.set('a', '1');
    second.set('b', '2');
    other.cache.set('a', '1');
    const writesBefore = leader.store.calls.updateMany;
    const causes: string[] = [];
    leader.hub.watch('ids', (cause) => causes.push(cause));

    const applying = leader.hub.applyRemote(['ids', 'second', 'ids'], withCursor('7-0'));
    // Emptied at once, before the write commits, as a nudge from another realm would.
    expect(leader.cache.size).toBe(0);
    expect(second.size).toBe(0);
    expect(causes).toEqual(['nudge']); // a clear from elsewhere, not this realm's own ('sibling')
    await applying;

    // One transaction for both ids and the cursor.
    expect(leader.store.calls.updateMany).toBe(writesBefore + 1);
    const [row] = getCacheInformation(leader.hub).filter((information) => information.id === 'ids');
    expect(row).toMatchObject({ ownClears: 0, externalClears: 1, precautionClears: 0, clearedHere: false });
    const markers = ['ids', 'second'].map((id) => parseMarker(shared.peek(id)));
    expect(markers.map((marker) => marker?.gen)).toEqual([1, 1]);
    expect(markers.every((marker) => marker?.by.startsWith('server:'))).toBe(true);
    await expect(shared.readExtra('cursor')).resolves.toBe('7-0');

    // One nudge per id, with the server token of the markers.
    expect(leader.notifier.sent.map((nudge) => (nudge as { id: string }).id)).toEqual(['ids', 'second']);
    other.notifier.deliverAll();
    expect(other.cache.size).toBe(0);
    // The marker it then reads is the clear it heard: nothing more to empty.
    other.cache.set('a', 'again');
    expect((await other.hub.checkAll()).emptied).toEqual([]);
    expect(other.cache.size).toBe(1);
  });

  it('reaches a realm that missed the nudge at its next check', async () => {
    const [leader, sleeping] = await createMemoryTabs(2);
    sleeping.cache.set('a', '1');
    await leader.hub.applyRemote(['ids'], withCursor('1-0'));
    sleeping.notifier.dropAll();
    expect(sleeping.cache.size).toBe(1);
    expect((await sleeping.hub.checkAll()).emptied).toEqual(['ids']);
    expect(sleeping.cache.size).toBe(0);
  });

  it('never saves the extras where other realms read them when the store fails (local-only: applied again by the next leader, never lost)', async () => {
    const shared = createMemoryStore();
    const [leader] = await createMemoryTabs(1, { shared, hub: { storeTimeout: 50 } });
    leader.store.failAlways();
    await leader.hub.applyRemote(['ids'], withCursor('3-0'));
    expect(leader.hub.sharing).toBe('local-only');
    expect(shared.peek('ids')).toBeUndefined();
    await expect(shared.readExtra('cursor')).resolves.toBeUndefined();
  });
});

describe('namespace-wide clears (applyRemote(null))', () => {
  it('empties every cache of every live realm as a precaution, ids the applying realm never registered included', async () => {
    const [leader, other] = await createMemoryTabs(2);
    const onlyThere = new LocalSyncCache<string, string>('only-there', { hub: other.hub });
    leader.cache.set('a', '1');
    other.cache.set('a', '1');
    onlyThere.set('b', '2');
    await leader.hub.applyRemote(null, withCursor('9-0'));
    expect(leader.cache.size).toBe(0);
    other.notifier.deliverAll();
    expect(other.cache.size).toBe(0);
    expect(onlyThere.size).toBe(0);
    const rows = getCacheInformation(other.hub);
    expect(rows.map((row) => [row.id, row.precautionClears, row.externalClears])).toEqual([
      ['ids', 1, 0],
      ['only-there', 1, 0],
    ]);
  });

  it('reaches a realm that missed the nudge at its next check, and only once', async () => {
    const [leader, sleeping] = await createMemoryTabs(2);
    const onlyThere = new LocalSyncCache<string, string>('only-there', { hub: sleeping.hub });
    await sleeping.hub.checkAll();
    sleeping.cache.set('a', '1');
    onlyThere.set('b', '2');
    await leader.hub.applyRemote(null, new Map());
    sleeping.notifier.dropAll();
    expect(onlyThere.size).toBe(1);
    const result = await sleeping.hub.checkAll();
    expect(result).toEqual({ checked: ['ids', 'only-there'], emptied: ['ids', 'only-there'] });
    expect(sleeping.cache.size + onlyThere.size).toBe(0);
    onlyThere.set('b', '2');
    expect((await sleeping.hub.checkAll()).emptied).toEqual([]);
    expect(await onlyThere.checkState()).toBe(false);
    expect(onlyThere.size).toBe(1);
  });

  it('reaches one cache checked alone (checkState)', async () => {
    const [leader, sleeping] = await createMemoryTabs(2);
    sleeping.cache.set('a', '1');
    await leader.hub.applyRemote(null, new Map());
    sleeping.notifier.dropAll();
    expect(await sleeping.cache.checkState()).toBe(true);
    expect(sleeping.cache.size).toBe(0);
  });

  it('does not empty a realm that started listening well after it (first read, F2)', async () => {
    const clock = createManualClock();
    const shared = createMemoryStore();
    const [leader] = await createMemoryTabs(1, { shared, hub: { clock: clock.now } });
    await leader.hub.applyRemote(null, new Map());
    clock.step(5_000);
    const [late] = await createMemoryTabs(1, { shared, hub: { clock: clock.now } });
    late.cache.set('a', '1');
    expect((await late.hub.checkAll()).emptied).toEqual([]);
    expect(getCacheInformation(late.hub)[0].precautionClears).toBe(0);
  });
});

// The scenarios of the django-tools module's own tests, replayed against this library.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalSyncCache, getCacheInformation, formatCacheInformation } from '../src/index.js';
import { createMemoryBus } from '../src/testing/index.js';
import { closeTabs, createTabs, until } from './helpers/tabs.js';

afterEach(closeTabs);

describe('the seed scenarios', () => {
  it('an externally written marker empties the cache at its next check', async () => {
    const [tabA] = createTabs(1);
    // Tab B shares the IndexedDB but hears no nudges: only its check can catch the clear.
    const [tabB] = createTabs(1, { namespace: tabA.namespace, notifier: createMemoryBus().connect() });
    const inA = new LocalSyncCache<string, number>('page-urls', { hub: tabA });
    const inB = new LocalSyncCache<string, number>('page-urls', { hub: tabB });
    await tabB.checkAll();
    inB.set('/about/', 1);

    await inA.clear();
    expect(inB.get('/about/')).toBe(1);

    await expect(inB.checkState()).resolves.toBe(true);
    expect(inB.size).toBe(0);
    expect(getCacheInformation(tabB)[0]).toMatchObject({ externalClears: 1, precautionClears: 0, checks: 2 });
  });

  it('refuses a duplicate id and names the ids in use and the fix', () => {
    const [hub] = createTabs(1);
    new LocalSyncCache('page-urls', { hub });
    new LocalSyncCache('menu', { hub });
    expect(() => new LocalSyncCache('page-urls', { hub })).toThrowError(
      /id "page-urls" is already used in this realm \(ids in use: "page-urls", "menu"\).*dispose\(\).*uniqueIds: false/,
    );
  });

  it('formats information that names each cache', () => {
    const [hub] = createTabs(1);
    new LocalSyncCache('page-urls', { hub }).set(1, 'a');
    new LocalSyncCache('menu', { hub });
    const text = formatCacheInformation(hub);
    expect(text).toMatch(/id: page-urls/);
    expect(text).toMatch(/id: menu/);
    expect(text).toMatch(/size: 1/);
  });

  it('two instances with one id: a clear of the first empties both at once', async () => {
    const [hub] = createTabs(1);
    const first = new LocalSyncCache<string, number>('shared', { hub });
    const second = new LocalSyncCache<string, number>('shared', { hub, uniqueIds: false });
    first.set('a', 1);
    second.set('b', 2);
    const clearing = first.clear();
    expect(first.size).toBe(0);
    expect(second.size).toBe(0);
    await clearing;
    const [rowFirst, rowSecond] = getCacheInformation(hub);
    expect(rowFirst).toMatchObject({ ownClears: 1, externalClears: 0, initCount: 2 });
    expect(rowSecond).toMatchObject({ ownClears: 0, externalClears: 1, initCount: 2 });
  });

  it('three caches checked four times end with exact counters', async () => {
    const [hub] = createTabs(1);
    const first = new LocalSyncCache<string, number>('shared', { hub });
    const second = new LocalSyncCache<string, number>('shared', { hub, uniqueIds: false });
    const other = new LocalSyncCache<string, number>('other', { hub });
    other.set('kept', 1);
    await hub.checkAll();
    first.set('x', 1);
    await hub.checkAll();
    await first.clear();
    await hub.checkAll();
    await hub.checkAll();

    const rows = getCacheInformation(hub);
    expect(rows.map((row) => row.checks)).toEqual([4, 4, 4]);
    const shared = rows.filter((row) => row.id === 'shared');
    expect(shared.reduce((sum, row) => sum + row.ownClears, 0)).toBe(1);
    expect(shared.reduce((sum, row) => sum + row.externalClears, 0)).toBe(1);
    expect(rows.find((row) => row.id === 'other')).toMatchObject({ ownClears: 0, externalClears: 0, precautionClears: 0, size: 1 });
    expect(other.get('kept')).toBe(1);
  });

  it('a live tab is emptied by the nudge at once, and its next check does not empty it again', async () => {
    const [tabA, tabB] = createTabs(2);
    const inA = new LocalSyncCache<string, number>('page-urls', { hub: tabA });
    const inB = new LocalSyncCache<string, number>('page-urls', { hub: tabB });
    await Promise.all([tabA.checkAll(), tabB.checkAll()]);
    inB.set('/about/', 1);
    const causes: string[] = [];
    inB.subscribe((event) => causes.push(event.cause));

    void inA.clear();
    await until(() => inB.size === 0, 'the nudge');
    expect(causes).toEqual(['nudge']);

    await until(() => getCacheInformation(tabA)[0].clearedHere, 'the commit');
    inB.set('/about/', 2);
    await tabB.checkAll();
    expect(inB.get('/about/')).toBe(2);
    expect(getCacheInformation(tabB)[0]).toMatchObject({ externalClears: 1, precautionClears: 0 });
  });
});

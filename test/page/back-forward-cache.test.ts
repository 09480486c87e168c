// The back/forward-cache pair and emptyLocally(): every cache is emptied, fills in flight are
// refused even where the cache was already empty, and the next read is a first read (L1).
import { afterEach, describe, expect, it } from 'vitest';
import { enterBackForwardCache, leaveBackForwardCache } from '../../src/page/back-forward-cache.js';
import { closeTabs, createMemoryTabs } from '../helpers/tabs.js';
import { getCacheInformation } from '../../src/index.js';

afterEach(closeTabs);

describe('emptyLocally() and the back/forward cache', () => {
  for (const [name, forget] of [
    ['emptyLocally()', (tab: Awaited<ReturnType<typeof createMemoryTabs>>[number]) => tab.hub.emptyLocally()],
    ['a restore from the back/forward cache', (tab: Awaited<ReturnType<typeof createMemoryTabs>>[number]) => leaveBackForwardCache(tab.hub)],
    ['entering the back/forward cache', (tab: Awaited<ReturnType<typeof createMemoryTabs>>[number]) => enterBackForwardCache(tab.hub)],
  ] as const) {
    it(`${name} refuses a fill in flight even when the cache is empty, without counting a clear`, async () => {
      const [tab] = await createMemoryTabs(1);
      let finish!: (value: string) => void;
      const loading = tab.cache.getOrLoad('k', () => new Promise<string>((resolve) => (finish = resolve)));
      forget(tab);
      finish('computed before');
      await expect(loading).resolves.toBe('computed before');
      expect(tab.cache.has('k')).toBe(false);
      expect(getCacheInformation(tab.hub)[0]).toMatchObject({ precautionClears: 0, discardedFills: 1 });
    });

    it(`${name} empties a filled cache as one counted precaution`, async () => {
      const [tab] = await createMemoryTabs(1);
      tab.cache.set('k', 'v');
      forget(tab);
      expect(tab.cache.size).toBe(0);
      expect(getCacheInformation(tab.hub)[0].precautionClears).toBe(1);
    });
  }

  it('after emptyLocally(), a clear whose nudge was lost still empties at the next check', async () => {
    const [writer, reader] = await createMemoryTabs(2);
    reader.hub.emptyLocally();
    reader.cache.set('k', 'filled before the first read answers');
    await writer.cache.clear();
    reader.notifier.dropAll();
    await reader.hub.checkAll();
    expect(reader.cache.size).toBe(0);
  });
});

// Invariant 1 with the clocks the seed trusted: clears are ordered by marker identity, never by time.
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/testing/index.js';
import { closeTabs, createMemoryTabs } from '../helpers/tabs.js';

afterEach(closeTabs);

/** Tabs that share one store but hear no nudges, each with its own clock. */
const deafTabs = (clocks: Array<() => number>) => createMemoryTabs(clocks.length, { hubFor: (index) => ({ clock: clocks[index] }) });

describe('ordering of clears', () => {
  it('catches two clears made in the same millisecond', async () => {
    const frozen = () => 1_000;
    const [a, b, reader] = await deafTabs([frozen, frozen, frozen]);
    await reader.hub.checkAll();
    await a.cache.clear();
    await reader.hub.checkAll();
    reader.cache.set('k', 'stored after the first clear');

    await b.cache.clear();
    await reader.hub.checkAll();
    expect(reader.cache.has('k')).toBe(false);
  });

  it('catches a clear from a realm whose clock reads earlier', async () => {
    const [ahead, behind, reader] = await deafTabs([() => 5_000_000, () => 1_000, () => 3_000_000]);
    await reader.hub.checkAll();
    await ahead.cache.clear();
    await reader.hub.checkAll();
    reader.cache.set('k', 'stale after the second clear');

    await behind.cache.clear();
    await reader.hub.checkAll();
    expect(reader.cache.has('k')).toBe(false);
  });

  it('catches a clear after this realm\'s wall clock stepped backwards', async () => {
    let now = 10_000;
    const [writer, reader] = await deafTabs([() => now, () => now]);
    await reader.hub.checkAll();
    await writer.cache.clear();
    await reader.hub.checkAll();
    reader.cache.set('k', 'v');
    now = 5_000;
    await writer.cache.clear();
    await reader.hub.checkAll();
    expect(reader.cache.has('k')).toBe(false);
  });

  it('numbers clears in one generation sequence, whatever the clocks', async () => {
    const shared = createMemoryStore();
    const clocks = [() => 9, () => 1, () => 5];
    const tabs = await createMemoryTabs(3, { shared, hubFor: (index) => ({ clock: clocks[index] }) });
    await Promise.all(tabs.flatMap(({ cache }) => [cache.clear(), cache.clear()]));
    expect(shared.peek('ids')).toMatchObject({ gen: 6 });
  });
});

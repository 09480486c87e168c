// hub.watch(id, onEmpty) and hub.clear(id): hearing and making clears without a cache.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClearCause, LocalSyncCache, getCacheInformation } from '../../src/index.js';
import { closeTabs, createMemoryTabs } from '../helpers/tabs.js';

afterEach(closeTabs);

describe('hub.watch', () => {
  it('hears a clear of the id here, a nudge, and a check, with their causes', async () => {
    const [writer, reader] = await createMemoryTabs(2);
    const heard: ClearCause[] = [];
    reader.hub.watch('ids', (cause) => heard.push(cause));
    await writer.cache.clear();
    reader.notifier.deliverAll();
    await reader.cache.clear();
    writer.notifier.dropAll();
    await writer.cache.clear();
    await reader.hub.checkAll();
    expect(heard).toEqual(['nudge', 'sibling', 'check']);
  });

  it('a watcher that throws keeps neither the caches of its id from emptying nor the clear from committing', async () => {
    const [writer, reader] = await createMemoryTabs(2);
    reader.hub.watch('ids', () => {
      throw new Error('watcher failed');
    });
    reader.cache.set('k', 'v');
    // The error is rethrown in a microtask of its own; caught here so the test run stays clean.
    const microtasks: Array<() => void> = [];
    vi.stubGlobal('queueMicrotask', (callback: () => void) => microtasks.push(callback));
    const clearing = reader.hub.clear('ids');
    vi.unstubAllGlobals();
    const rethrown = microtasks.filter((callback) => {
      try {
        callback();
        return false;
      } catch (error) {
        return error instanceof Error && error.message === 'watcher failed';
      }
    });
    await clearing;
    expect(reader.cache.has('k')).toBe(false);
    expect(rethrown).toHaveLength(1);
    writer.notifier.dropAll();
    writer.cache.set('k', 'v');
    // The marker was written: a check elsewhere finds the clear.
    expect((await writer.hub.checkAll()).emptied).toEqual(['ids']);
  });

  it('stops hearing once the function it returned is called, and the id stays known', async () => {
    const [writer, reader] = await createMemoryTabs(2);
    const onEmpty = vi.fn();
    const stop = reader.hub.watch('ids', onEmpty);
    stop();
    await writer.cache.clear();
    reader.notifier.deliverAll();
    expect(onEmpty).not.toHaveBeenCalled();
    expect(reader.cache.size).toBe(0);
  });

  it('leaves the id free for a LocalSyncCache (no uniqueIds: false needed) and adds no information row', async () => {
    const [tab] = await createMemoryTabs(1, { id: 'elsewhere' });
    tab.hub.watch('prices', () => {});
    expect(() => new LocalSyncCache('prices', { hub: tab.hub })).not.toThrow();
    expect(getCacheInformation(tab.hub).map((row) => row.id)).toEqual(['elsewhere', 'prices']);
  });

  it('refuses a bad id or callback with a message naming the fix', async () => {
    const [tab] = await createMemoryTabs(1);
    expect(() => tab.hub.watch('', () => {})).toThrow(/non-empty string/);
    expect(() => tab.hub.watch('ids', 'nope' as never)).toThrow(/onEmpty must be a function/);
  });
});

describe('hub.clear', () => {
  it('clears an id everywhere without a cache of it here', async () => {
    const [writer, reader] = await createMemoryTabs(2, { id: 'elsewhere' });
    const inReader = new LocalSyncCache<string, number>('prices', { hub: reader.hub });
    inReader.set('k', 1);
    const heard: ClearCause[] = [];
    writer.hub.watch('prices', (cause) => heard.push(cause));
    await writer.hub.clear('prices');
    expect(heard).toEqual(['sibling']);
    reader.notifier.dropAll();
    await reader.hub.checkAll();
    expect(inReader.size).toBe(0);
  });
});

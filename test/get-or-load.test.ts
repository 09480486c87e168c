import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalSyncCache, getCacheInformation } from '../src/index.js';
import { closeTabs, createTabs, until } from './helpers/tabs.js';

afterEach(closeTabs);

/** A load the test finishes by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('getOrLoad', () => {
  it('returns the cached value without loading', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<string, number>('numbers', { hub });
    cache.set('a', 1);
    const load = vi.fn(() => 2);
    await expect(cache.getOrLoad('a', load)).resolves.toBe(1);
    expect(load).not.toHaveBeenCalled();
  });

  it('loads once per key while a load is in flight, sync or async', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<string, number>('numbers', { hub });
    const pending = deferred<number>();
    const load = vi.fn(() => pending.promise);
    const first = cache.getOrLoad('a', load);
    const second = cache.getOrLoad('a', load);
    pending.resolve(7);
    await expect(Promise.all([first, second])).resolves.toEqual([7, 7]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.get('a')).toBe(7);
    await expect(cache.getOrLoad('b', () => 8)).resolves.toBe(8);
    expect(cache.get('b')).toBe(8);
  });

  it('does not store a result whose load began before a clear from another tab', async () => {
    const [tabA, tabB] = createTabs(2);
    const inA = new LocalSyncCache<string, string>('page-urls', { hub: tabA });
    const inB = new LocalSyncCache<string, string>('page-urls', { hub: tabB });
    await Promise.all([tabA.checkAll(), tabB.checkAll()]);
    const slow = deferred<string>();
    const loading = inB.getOrLoad('/about/', () => slow.promise);

    await inA.clear();
    await until(() => getCacheInformation(tabB)[0].externalClears === 1, 'the nudge');
    slow.resolve('computed from data the clear replaced');

    await expect(loading).resolves.toBe('computed from data the clear replaced');
    expect(inB.has('/about/')).toBe(false);
    expect(getCacheInformation(tabB)[0].discardedFills).toBe(1);
  });

  it('does not share a load that began before a clear with a caller after it', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<string, string>('page-urls', { hub });
    const before = deferred<string>();
    const first = cache.getOrLoad('k', () => before.promise);
    void cache.clear();
    const second = cache.getOrLoad('k', () => 'fresh');
    await expect(second).resolves.toBe('fresh');
    before.resolve('stale');
    await expect(first).resolves.toBe('stale');
    expect(cache.get('k')).toBe('fresh');
  });

  it('passes errors on and never caches them', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<string, number>('numbers', { hub });
    await expect(cache.getOrLoad('a', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    await expect(cache.getOrLoad('a', () => { throw new Error('sync failure'); })).rejects.toThrow('sync failure');
    expect(cache.has('a')).toBe(false);
    await expect(cache.getOrLoad('a', () => 3)).resolves.toBe(3);
  });

  it('honours fill tokens for hand-written fills', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<string, number>('numbers', { hub });
    const token = cache.fillToken();
    expect(cache.setIfFresh(token, 'a', 1)).toBe(true);
    const stale = cache.fillToken();
    await cache.clear();
    expect(cache.setIfFresh(stale, 'b', 2)).toBe(false);
    expect(cache.has('b')).toBe(false);
  });

  it('explains a missing load function', () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<string, number>('numbers', { hub });
    expect(() => cache.getOrLoad('a', undefined as never)).toThrow(/getOrLoad\(\) needs a load function/);
  });
});

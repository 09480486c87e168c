import { enterBackForwardCache, leaveBackForwardCache } from '../../src/page/back-forward-cache.js';
import { dehydrate, hydrate, QueryClient, QueryObserver } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBus } from '../../src/testing/index.js';
import { syncQueryInvalidation } from '../../src/tanstack-query/index.js';
import { closeTabs, createTabs, settle, until } from '../helpers/tabs.js';
import type { SyncHub } from '../../src/index.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  closeTabs();
});

/** One tab's QueryClient, wired to `hub`, with a fetch counter per key. */
function tab(hub: SyncHub, label: string) {
  const fetches: string[] = [];
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.mount();
  const sync = syncQueryInvalidation(client, { scopes: [['todos'], ['user']], hub });
  cleanups.push(() => {
    sync.stop();
    client.clear();
    client.unmount();
  });
  const queryFn = ({ queryKey }: { queryKey: readonly unknown[] }) => {
    fetches.push(JSON.stringify(queryKey));
    return `${label}:${JSON.stringify(queryKey)}#${fetches.length}`;
  };
  /** Observes `queryKey` as a mounted component would. */
  const observe = async (queryKey: unknown[]) => {
    const observer = new QueryObserver(client, { queryKey, queryFn });
    cleanups.push(observer.subscribe(() => undefined));
    await until(() => observer.getCurrentResult().status === 'success', `${JSON.stringify(queryKey)} in ${label}`);
    return observer;
  };
  /** Caches `queryKey` with no observer, as a page left behind would. */
  const prefetch = (queryKey: unknown[]) => client.prefetchQuery({ queryKey, queryFn });
  const invalid = (queryKey: unknown[]) => client.getQueryState(queryKey)?.isInvalidated;
  return { client, sync, fetches, observe, prefetch, invalid };
}

describe('syncQueryInvalidation', () => {
  it('an invalidation in one tab invalidates the matching queries of another; observed ones refetch there', async () => {
    const [hubA, hubB] = createTabs(2);
    const a = tab(hubA, 'A');
    const b = tab(hubB, 'B');
    await Promise.all([a.sync.ready, b.sync.ready]);
    const list = await b.observe(['todos', 'list']);
    await b.prefetch(['todos', 2]);
    await b.prefetch(['user']);
    b.fetches.length = 0;

    await a.sync.invalidate(['todos']);
    await until(() => b.fetches.length === 1, 'the refetch in B');
    expect(b.fetches).toEqual(['["todos","list"]']);
    expect(list.getCurrentResult().data).toBe('B:["todos","list"]#1');
    expect(b.invalid(['todos', 2])).toBe(true);
    expect(b.invalid(['user'])).toBe(false);
    // Only this tab's own fetches: A fetched nothing and sent no data.
    expect(a.fetches).toEqual([]);
  });

  it('a tab that lost the nudge invalidates at its next check', async () => {
    const [hubA] = createTabs(1);
    const [hubB] = createTabs(1, { namespace: hubA.namespace, notifier: createMemoryBus().connect() });
    const a = tab(hubA, 'A');
    const b = tab(hubB, 'B');
    await Promise.all([a.sync.ready, b.sync.ready]);
    await b.observe(['todos']);
    b.fetches.length = 0;

    await a.sync.invalidate(['todos', 1]);
    await settle();
    expect(b.invalid(['todos'])).toBe(false);
    await hubB.checkAll();
    expect(b.invalid(['todos'])).toBe(true);
    await until(() => b.fetches.length === 1, 'the refetch in B');
  });

  it('a back/forward-cache restore invalidates every scope, as a precaution', async () => {
    const [hub] = createTabs(1);
    const a = tab(hub, 'A');
    await a.sync.ready;
    await a.prefetch(['todos', 1]);
    await a.prefetch(['user']);
    // What installAutoCheck() calls on a persisted pagehide and pageshow.
    enterBackForwardCache(hub);
    leaveBackForwardCache(hub);
    expect(a.invalid(['todos', 1])).toBe(true);
    expect(a.invalid(['user'])).toBe(true);
  });

  it('invalidates only the given key in its own tab, and refuses a key outside every scope', async () => {
    const [hub] = createTabs(1);
    const a = tab(hub, 'A');
    await a.prefetch(['todos', 5]);
    await a.prefetch(['todos', 6]);
    await a.sync.invalidate(['todos', 5]);
    expect(a.invalid(['todos', 5])).toBe(true);
    expect(a.invalid(['todos', 6])).toBe(false);
    expect(() => a.sync.invalidate(['settings'])).toThrow(/invalidate\(\["settings"\]\) is in no scope; add a scope/);
  });

  it('a tab opened later treats queries restored from before the invalidation as invalid', async () => {
    const [hubA] = createTabs(1);
    const a = tab(hubA, 'A');
    await a.sync.ready;
    await a.prefetch(['todos']);
    await a.prefetch(['user']);
    // What a persister saved before the invalidation.
    const saved = dehydrate(a.client);
    await settle(5);
    await a.sync.invalidate(['todos']);

    // Opened well after the invalidation: its first read adopts the marker without emptying
    // anything (a clear that recent would empty as a precaution, which would hide the point).
    const [hubC] = createTabs(1, { namespace: hubA.namespace, clock: () => Date.now() + 60_000 });
    const c = tab(hubC, 'C');
    hydrate(c.client, saved);
    await c.sync.ready;
    expect(c.invalid(['todos'])).toBe(true);
    expect(c.invalid(['user'])).toBe(false);

    // Restored after start-up as well.
    c.client.clear();
    hydrate(c.client, saved);
    await until(() => c.invalid(['todos']) === true, 'the late restore');
    expect(c.invalid(['user'])).toBe(false);
  });

  it('stops listening and frees its ids', async () => {
    const [hubA, hubB] = createTabs(2);
    const a = tab(hubA, 'A');
    const client = new QueryClient();
    const first = syncQueryInvalidation(client, { scopes: [['todos']], hub: hubB });
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    first.stop();
    const second = syncQueryInvalidation(client, { scopes: [['todos']], hub: hubB });
    await second.ready;
    second.stop();
    expect(client.getQueryCache().hasListeners()).toBe(false);
    invalidate.mockClear();
    await a.sync.invalidate(['todos']);
    await settle();
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('explains wrong arguments', () => {
    const [hub] = createTabs(1);
    expect(() => syncQueryInvalidation({} as never, { scopes: [['todos']], hub })).toThrow(/needs a QueryClient/);
    expect(() => syncQueryInvalidation(new QueryClient(), { scopes: [], hub })).toThrow(/options.scopes lists query-key prefixes like/);
    expect(() => syncQueryInvalidation(new QueryClient(), { scopes: ['todos' as never], hub })).toThrow(/options.scopes lists query-key prefixes.*got "todos"/);
  });
});

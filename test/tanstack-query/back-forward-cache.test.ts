// @vitest-environment happy-dom
// The bridge on a page entering and leaving the back/forward cache, in the order Chromium runs
// it (seen in e2e/bridges-query-bfcache.spec.ts): persisted pagehide (visible), the page turns
// hidden, then the tasks queued meanwhile run, then it is frozen; on restore it turns visible and
// the persisted pageshow fires.
import { enterBackForwardCache, leaveBackForwardCache } from '../../src/page/back-forward-cache.js';
import { QueryClient, QueryObserver } from '@tanstack/query-core';
import { afterEach, expect, it } from 'vitest';
import { syncQueryInvalidation } from '../../src/tanstack-query/index.js';
import { closeTabs, createTabs, settle, until } from '../helpers/tabs.js';

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  closeTabs();
  visibility = 'visible';
});

it('fetches nothing on the way into the back/forward cache, and refetches what it observes once restored', async () => {
  const [hub] = createTabs(1);
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const sync = syncQueryInvalidation(client, { scopes: [['todos']], hub });
  const fetches: string[] = [];
  const observer = new QueryObserver(client, { queryKey: ['todos', 'list'], queryFn: () => `fetch ${fetches.push('list')}` });
  cleanups.push(observer.subscribe(() => undefined), () => sync.stop());
  await sync.ready;
  await until(() => fetches.length === 1, 'the first fetch');

  // What installAutoCheck() calls on a persisted pagehide; a fetch started now would keep a
  // real page out of the cache.
  enterBackForwardCache(hub);
  visibility = 'hidden';
  await settle();
  expect(fetches).toHaveLength(1);
  expect(client.getQueryState(['todos', 'list'])?.isInvalidated).toBe(true);

  visibility = 'visible';
  leaveBackForwardCache(hub);
  await until(() => fetches.length === 2, 'the refetch');
  await settle();
  expect(fetches).toHaveLength(2);
  expect(observer.getCurrentResult().data).toBe('fetch 2');
});

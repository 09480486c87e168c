// A TanStack Query tab (query-core, no UI framework) wired with syncQueryInvalidation() and
// installAutoCheck(), as the README shows. Query functions return `<key>@v<version>#<fetch>`,
// where the version is the "server's" and the fetch number counts this tab's fetches, so a test
// sees that each tab fetched for itself. The "server" is an IndexedDB database of its own:
// its transactions are ordered across tabs, whereas a localStorage write reaches other tabs'
// reads a little later (a tab told of a change could still read the old version).
// The query string: ?ns=NAME (hub namespace), &restore (hydrate what persist() saved, as a
// persister restores a cache on start), &channel=default (the library's own channel instead of
// the test notifier: the back/forward-cache test needs it, see e2e/back-forward-cache.spec.ts).
// Tests reach the page through `window.q`.
import { dehydrate, hydrate, QueryClient, QueryObserver } from '@tanstack/query-core';
import { createStore, get, update } from 'idb-keyval';
import { createSyncHub, installAutoCheck } from 'local-sync-cache';
import { syncQueryInvalidation } from 'local-sync-cache/tanstack-query';
import { createTestNotifier, type TestNotifier } from './shared/test-notifier';

export interface QueryPageApi {
  /** Absent with &channel=default. */
  notifier: TestNotifier | undefined;
  /** `persisted` of every pageshow, in order. */
  pageshows: boolean[];
  /** Keys this tab fetched, as JSON, in order. */
  fetches: string[];
  isReady(): boolean;
  /** Observes `key` as a mounted component would; resolves once it has data. */
  observe(key: unknown[]): Promise<void>;
  /** Caches `key` with no observer. */
  prefetch(key: unknown[]): Promise<void>;
  /** The query's data and whether it is invalidated, or null when not cached. */
  state(key: unknown[]): { data: unknown; isInvalidated: boolean } | null;
  /** Changes the server's data under `key[0]`, then invalidates `key` in every tab. */
  changeAndInvalidate(key: unknown[]): Promise<void>;
  /** Saves the query cache to localStorage, as a persister would. */
  persist(): void;
  /** Resolves once a check of the hub has answered and no query is fetching (what it emptied is refetched). */
  settled(): Promise<void>;
}

declare global {
  interface Window {
    q: QueryPageApi;
  }
}

const query = new URLSearchParams(location.search);
const ns = query.get('ns') ?? 'query';
const notifier = query.get('channel') === 'default' ? undefined : createTestNotifier(`local-sync-cache:${ns}`);
const pageshows: boolean[] = [];
addEventListener('pageshow', (event) => pageshows.push(event.persisted));
const hub = createSyncHub({ namespace: ns, notifier });
const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
client.mount();
const persistedKey = `${ns}:persisted`;
if (query.has('restore')) hydrate(client, JSON.parse(localStorage.getItem(persistedKey) ?? '{}'));
const sync = syncQueryInvalidation(client, { scopes: [['todos'], ['user']], hub });
installAutoCheck({ hub });
let ready = false;
void sync.ready.then(() => {
  ready = true;
});

const server = createStore(`${ns}-server`, 'data');
const versionKey = (key: readonly unknown[]) => `version:${String(key[0])}`;
const fetches: string[] = [];
const queryFn = async ({ queryKey }: { queryKey: readonly unknown[] }) => {
  const fetch = fetches.push(JSON.stringify(queryKey));
  const version = (await get<number>(versionKey(queryKey), server)) ?? 1;
  return `${JSON.stringify(queryKey)}@v${version}#${fetch}`;
};

window.q = {
  notifier,
  pageshows,
  fetches,
  isReady: () => ready,
  async observe(key) {
    const observer = new QueryObserver(client, { queryKey: key, queryFn });
    await new Promise<void>((resolve) => {
      observer.subscribe((result) => {
        if (result.status === 'success') resolve();
      });
      if (observer.getCurrentResult().status === 'success') resolve();
    });
  },
  prefetch: (key) => client.prefetchQuery({ queryKey: key, queryFn }),
  state(key) {
    const state = client.getQueryState(key);
    return state ? { data: state.data, isInvalidated: state.isInvalidated } : null;
  },
  async changeAndInvalidate(key) {
    await update<number>(versionKey(key), (old) => (old ?? 1) + 1, server);
    await sync.invalidate(key);
  },
  persist() {
    localStorage.setItem(persistedKey, JSON.stringify(dehydrate(client)));
  },
  async settled() {
    await hub.checkAll();
    // The bridge invalidates, and TanStack starts refetching, in tasks after the emptying.
    do await new Promise((resolve) => setTimeout(resolve, 20));
    while (client.isFetching() > 0);
  },
};

// What the router bridge pages share: a hub of their own (namespace from ?ns=, test notifier), the
// cache their loaders read, and the "server": a version number in an IndexedDB database of its
// own, whose transactions are ordered across tabs (a localStorage write reaches other tabs' reads
// a little later, so a tab told of a change could still read the old version). A loader returns
// `<name>@v<version>`, cached on first use through a fill token, and records that it ran, so a
// test can see both what a page shows and how often each loader ran.
import { createStore, get, update } from 'idb-keyval';
import { createSyncHub, LocalSyncCache, type SyncHub } from 'local-sync-cache';
import { createTestNotifier, type TestNotifier } from './test-notifier';

export interface BridgesApp {
  hub: SyncHub;
  cache: LocalSyncCache<string, string>;
  notifier: TestNotifier;
  /** Loader names in the order they ran. */
  runs: string[];
  /** The loader body: the cached value of `name`, or one computed from the server's version. */
  load(name: string): Promise<string>;
  /** A change on the server, then the clear that announces it. */
  change(): Promise<void>;
  /** Whether the hub has read the shared marker once (the page starts from a known state). */
  isReady(): boolean;
  /** Whether the router is idle (no navigation or revalidation under way); set by each page. */
  isIdle(): boolean;
}

declare global {
  interface Window {
    app: BridgesApp;
  }
}

export function createBridgesApp(isIdle: () => boolean): BridgesApp {
  const ns = new URLSearchParams(location.search).get('ns') ?? 'bridges';
  const notifier = createTestNotifier(`local-sync-cache:${ns}`);
  const hub = createSyncHub({ namespace: ns, notifier });
  const cache = new LocalSyncCache<string, string>('route-data', { hub });
  const server = createStore(`${ns}-server`, 'data');
  const runs: string[] = [];
  const app: BridgesApp = {
    hub,
    cache,
    notifier,
    runs,
    async load(name) {
      runs.push(name);
      const cached = cache.get(name);
      if (cached !== undefined) return cached;
      const token = cache.fillToken();
      const value = `${name}@v${(await get<number>('version', server)) ?? 1}`;
      cache.setIfFresh(token, name, value);
      return value;
    },
    async change() {
      await update<number>('version', (old) => (old ?? 1) + 1, server);
      await cache.clear();
    },
    isReady: () => hub.adoptedMarker('route-data') !== undefined,
    isIdle,
  };
  // The first read, so isReady() turns true even before any navigation checks.
  void hub.checkAll();
  window.app = app;
  return app;
}

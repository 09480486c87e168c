// What the router bridge pages share: a hub of their own (namespace from ?ns=, test notifier), the
// cache their loaders read, and the "server": a version number in localStorage, which every tab
// of the origin reads synchronously. A loader returns `<name>@v<version>`, cached on first use,
// and records that it ran, so a test can see both what a page shows and how often each loader ran.
import { createSyncHub, LocalSyncCache, type SyncHub } from 'local-sync-cache';
import { createTestNotifier, type TestNotifier } from './test-notifier';

export interface BridgesApp {
  hub: SyncHub;
  cache: LocalSyncCache<string, string>;
  notifier: TestNotifier;
  /** Loader names in the order they ran. */
  runs: string[];
  /** The loader body: the cached value of `name`, or one computed from the server's version. */
  load(name: string): string;
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
  const versionKey = `${ns}:version`;
  const version = (): number => Number(localStorage.getItem(versionKey) ?? '1');
  const runs: string[] = [];
  const app: BridgesApp = {
    hub,
    cache,
    notifier,
    runs,
    load(name) {
      runs.push(name);
      let value = cache.get(name);
      if (value === undefined) cache.set(name, (value = `${name}@v${version()}`));
      return value;
    },
    async change() {
      localStorage.setItem(versionKey, String(version() + 1));
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

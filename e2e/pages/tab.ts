// The page most tests drive: one tab of an app with one LocalSyncCache, 'items', on the built
// package. The query string picks the set-up, so each spec states what it needs in the URL:
//   ?ns=NAME           a hub of its own with this namespace (otherwise the default hub)
//   &notifier=test     a test-steerable channel (see shared/test-notifier.ts); needs a hub of its own
//   &storeTimeout=MS   the hub's store deadline (tests of a store that never answers)
//   &auto              installAutoCheck() with every trigger on and no interval
//   &pageshowFirst     the app's pageshow listener is added before installAutoCheck's
// Tests reach the tab through `window.tab`.
import {
  type CacheInformationRow,
  type ClearCause,
  type CheckResult,
  createSyncHub,
  getCacheInformation,
  getDefaultHub,
  installAutoCheck,
  LocalSyncCache,
  type Marker,
  type SyncHub,
} from 'local-sync-cache';
import { createTestNotifier, type TestNotifier } from './shared/test-notifier';

export interface TabApi {
  cache: LocalSyncCache<string, string>;
  hub: SyncHub;
  /** Present with `notifier=test`. */
  notifier: TestNotifier | undefined;
  /** The cause of every emptying of the cache, in order. */
  causes: ClearCause[];
  /** Each `pageshow` the app saw, with the cache size its own listener read. */
  pageshows: Array<{ persisted: boolean; sizeAtShow: number }>;
  /** Routes the SPA router rendered. */
  routes: string[];
  /** Page lifecycle events seen: 'freeze', 'resume', 'visible', 'hidden'. */
  lifecycle: string[];
  /** Whether the hub's first read of the marker has finished. */
  isReady(): boolean;
  /** Stores `count` entries whose values say which tab stored them. */
  fill(count: number, label: string): void;
  entries(): Array<[string, string]>;
  clear(): Promise<void>;
  /**
   * Starts clearing over and over (each clear awaited, with a turn of the event loop between, as
   * user actions would come) until {@link TabApi.finishClearRun}.
   */
  startClearRun(): void;
  /** Lets the run make `more` clears beyond those made so far, then resolves to how many it made. */
  finishClearRun(more: number): Promise<number>;
  checkAll(): Promise<CheckResult>;
  rows(): CacheInformationRow[];
  adopted(): Marker | null | undefined;
}

declare global {
  interface Window {
    tab: TabApi;
  }
}

const query = new URLSearchParams(location.search);
const ownHub = query.has('ns') || query.has('notifier') || query.has('storeTimeout');
const notifier = query.get('notifier') === 'test' ? createTestNotifier(`local-sync-cache:${query.get('ns') ?? 'default'}`) : undefined;
const hub = ownHub
  ? createSyncHub({
      namespace: query.get('ns') ?? undefined,
      notifier,
      storeTimeout: query.has('storeTimeout') ? Number(query.get('storeTimeout')) : undefined,
    })
  : getDefaultHub();

/** The run of clears of startClearRun(): stops once `stopAt` clears were made. */
const clearRun = { stopAt: 0, clears: Promise.resolve(0) };

const pageshows: TabApi['pageshows'] = [];
const routes: string[] = [];
const causes: ClearCause[] = [];
const lifecycle: string[] = [];
document.addEventListener('freeze', () => lifecycle.push('freeze'));
document.addEventListener('resume', () => lifecycle.push('resume'));
document.addEventListener('visibilitychange', () => lifecycle.push(document.visibilityState));

// The app's own pageshow listener, which reads the cache. It is added after installAutoCheck,
// as in an app that installs it at start-up, unless `&pageshowFirst` asks for the other order.
const recordPageshow = (event: PageTransitionEvent): void => {
  pageshows.push({ persisted: event.persisted, sizeAtShow: cache.size });
};
if (query.has('pageshowFirst')) addEventListener('pageshow', recordPageshow);

const cache = new LocalSyncCache<string, string>('items', { hub });
cache.subscribe((event) => causes.push(event.cause));
if (query.has('auto')) installAutoCheck({ hub });
if (!query.has('pageshowFirst')) addEventListener('pageshow', recordPageshow);

// A minimal SPA router, the way many routers work: links are intercepted and pushState'd.
function render(route: string): void {
  routes.push(route);
  document.getElementById('route')!.textContent = route;
}
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-route]');
  if (!link) return;
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('route', link.dataset.route!);
  history.pushState(null, '', url);
  render(link.dataset.route!);
});

window.tab = {
  cache,
  hub,
  notifier,
  causes,
  pageshows,
  routes,
  lifecycle,
  isReady: () => hub.adoptedMarker('items') !== undefined,
  fill(count, label) {
    for (let index = 0; index < count; index++) cache.set(`key-${index}`, `${label}-${index}`);
  },
  entries: () => [...cache.entries()],
  clear: () => cache.clear(),
  startClearRun() {
    clearRun.stopAt = Number.POSITIVE_INFINITY;
    clearRun.clears = (async () => {
      let count = 0;
      while (count < clearRun.stopAt) {
        await cache.clear();
        count += 1;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return count;
    })();
  },
  finishClearRun(more) {
    clearRun.stopAt = getCacheInformation(hub)[0].ownClears + more;
    return clearRun.clears;
  },
  checkAll: () => hub.checkAll(),
  // The default hub's rows come from the public `getCacheInformation()`, as an app would call it.
  rows: () => (ownHub ? getCacheInformation(hub) : getCacheInformation()),
  adopted: () => hub.adoptedMarker('items'),
};

// An app whose router is the Navigation API itself: every same-document navigation under /app/
// is intercepted, and its handler is wrapped in checkCachesBefore() from 'local-sync-cache/router',
// as the README shows. The handler reads the cache the moment it runs and records what it saw,
// so a test can tell whether the check had finished before the app rendered.
// The query string picks the set-up:
//   ?ns=NAME           the hub's namespace (each test passes a unique one; the hub is always its own)
//   &notifier=test     a test-steerable channel (see shared/test-notifier.ts)
//   &storeTimeout=MS   the hub's store deadline
//   &maxWait=MS        the guard's maxWait
// Tests reach the page through `window.nav`.
import { type ClearCause, createSyncHub, LocalSyncCache, type SyncHub } from 'local-sync-cache';
import { checkCachesBefore } from 'local-sync-cache/router';
import { createTestNotifier, type TestNotifier } from './shared/test-notifier';

/** What one run of the navigation handler saw. */
export interface Render {
  /** The pathname the handler rendered. */
  path: string;
  /** location.href while the handler ran: the navigation has committed by then. */
  href: string;
  /** The cache's size and entries when the handler read them. */
  size: number;
  entries: Array<[string, string]>;
  /** Whether the hub's first read of the marker had finished when the handler ran. */
  readyAtRender: boolean;
}

export interface NavigationPageApi {
  cache: LocalSyncCache<string, string>;
  hub: SyncHub;
  /** Present with `notifier=test`. */
  notifier: TestNotifier | undefined;
  /** The cause of every emptying of the cache, in order. */
  causes: ClearCause[];
  /** Every handler run, in order. */
  renders: Render[];
  /** 'navigatesuccess' and 'navigateerror: <message>', in order: how each navigation ended. */
  outcomes: string[];
  /** Whether the hub's first read of the marker has finished. */
  isReady(): boolean;
  /** Stores `count` entries whose values say which tab stored them. */
  fill(count: number, label: string): void;
  clear(): Promise<void>;
}

declare global {
  interface Window {
    nav: NavigationPageApi;
  }
}

const query = new URLSearchParams(location.search);
const notifier = query.get('notifier') === 'test' ? createTestNotifier(`local-sync-cache:${query.get('ns') ?? 'default'}`) : undefined;
// A hub of its own, never the default one, so a test can close it without touching other pages.
const hub = createSyncHub({
  namespace: query.get('ns') ?? undefined,
  notifier,
  storeTimeout: query.has('storeTimeout') ? Number(query.get('storeTimeout')) : undefined,
});
const maxWait = query.has('maxWait') ? Number(query.get('maxWait')) : undefined;

const cache = new LocalSyncCache<string, string>('items', { hub });
const causes: ClearCause[] = [];
cache.subscribe((event) => causes.push(event.cause));
const isReady = (): boolean => hub.adoptedMarker('items') !== undefined;

const renders: Render[] = [];
const outcomes: string[] = [];
navigation.addEventListener('navigatesuccess', () => outcomes.push('navigatesuccess'));
navigation.addEventListener('navigateerror', (event) => outcomes.push(`navigateerror: ${event.message}`));

function render(url: URL): void {
  // Read first, before touching the DOM: this is the value an app would render from.
  renders.push({ path: url.pathname, href: location.href, size: cache.size, entries: [...cache.entries()], readyAtRender: isReady() });
  document.getElementById('route')!.textContent = url.pathname;
}

// The README's router: intercept what can be intercepted, here only the app's own routes (a
// download or a fragment change is left to the browser, as a real router would).
navigation.addEventListener('navigate', (event) => {
  if (!event.canIntercept || event.hashChange || event.downloadRequest !== null) return;
  const url = new URL(event.destination.url);
  if (!url.pathname.startsWith('/app/')) return;
  event.intercept({ handler: checkCachesBefore(() => render(url), { hub, maxWait }) });
});

window.nav = {
  cache,
  hub,
  notifier,
  causes,
  renders,
  outcomes,
  isReady,
  fill(count, label) {
    for (let index = 0; index < count; index++) cache.set(`key-${index}`, `${label}-${index}`);
  },
  clear: () => cache.clear(),
};

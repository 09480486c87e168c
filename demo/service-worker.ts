// The demo's service worker: it answers GET /api/pages from a Cache Storage cache bound to the
// `page-urls` id, so a clear of the URLs in any realm also drops the page tree the worker kept.
// A hand-written cache-first strategy (the README's "your own strategy") rather than
// handleFetch(), only because the panel wants to know where each answer came from.
import { bindCacheStorage, checkOnFetch } from 'local-sync-cache/service-worker';
import { PAGE_URLS } from './page-urls-id';
import { SERVICE_WORKER_LOG, type ServedEntry } from './service-worker-log';

// The few worker types used here, written out: the demo is type-checked with the DOM library
// (e2e/tsconfig.json), and the WebWorker library cannot be loaded beside it.
interface ExtendableEvent {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
declare const self: {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
};

// At the top level: browsers only honour fetch listeners added while the script first runs.
const pages = bindCacheStorage(PAGE_URLS, { cacheName: 'demo-pages' });
checkOnFetch();
const log = new BroadcastChannel(SERVICE_WORKER_LOG);

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
// Take the open realms at once, so the demo needs no reload before the worker shows anything.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.pathname !== '/api/pages') return;
  event.respondWith(answer(event, url));
});

async function answer(event: FetchEvent, url: URL): Promise<Response> {
  const realm = event.request.headers.get('X-Demo-Realm') ?? '?';
  const report = (entry: Omit<ServedEntry, 'realm' | 'path'>) => log.postMessage({ realm, path: url.pathname + url.search, ...entry } satisfies ServedEntry);
  // A realm that reloads because it heard a clear asks for a fresh answer: the nudge goes out
  // before the clear's marker is committed, and this worker may not have heard it yet.
  const fresh = event.request.cache === 'no-cache' || event.request.cache === 'reload';
  if (!fresh) {
    // Answers only after a check that began after this request arrived: nothing stored before a
    // clear that had completed by then is served.
    const cached = await pages.match(event.request);
    if (cached) {
      report({ source: 'cache' });
      return cached;
    }
  }
  // Taken before the request: an answer computed before a clear is not stored after it.
  const token = pages.fillToken();
  const response = await fetch(event.request);
  if (response.ok) {
    event.waitUntil(pages.put(event.request, response.clone(), { token }).then((stored) => report({ source: 'network', fresh, stored })));
  } else report({ source: 'network', fresh, stored: false });
  return response;
}

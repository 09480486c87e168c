// The service worker under test, written as an app would write it. Bundled by the spec with
// esbuild from dist/ (workers get no import maps), served at /sw.js, registered with scope '/'.
import { getDefaultHub } from 'local-sync-cache';
import { bindCacheStorage, checkOnFetch, type FetchEventLike, getFetchCheck } from 'local-sync-cache/service-worker';

interface WorkerScope {
  addEventListener(type: string, listener: (event: never) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}
interface MessageEventLike {
  data: unknown;
  source: { postMessage(message: unknown): void } | null;
  waitUntil(promise: Promise<unknown>): void;
}
declare const self: WorkerScope;

// New at every start of the worker: tells the test whether the worker was really restarted.
const life = Math.random().toString(36).slice(2);

const api = bindCacheStorage('api', { cacheName: 'api-responses' });
checkOnFetch();

self.addEventListener('install', (event: { waitUntil(promise: Promise<unknown>): void }) => event.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (event: { waitUntil(promise: Promise<unknown>): void }) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event: FetchEventLike) => {
  if (new URL(event.request.url).pathname.startsWith('/api/')) api.handleFetch(event, 'cache-first');
});

self.addEventListener('message', (event: MessageEventLike) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  const reply = (message: object): void => event.source?.postMessage({ type, ...message });
  if (type === 'clear') {
    event.waitUntil(api.clear().then(() => reply({})));
  } else if (type === 'information') {
    reply({
      life,
      binding: api.information,
      check: getFetchCheck().statistics,
      sharing: getDefaultHub().sharing,
      hasWindow: typeof (globalThis as { window?: unknown }).window !== 'undefined',
      hasDocument: typeof (globalThis as { document?: unknown }).document !== 'undefined',
    });
  }
});

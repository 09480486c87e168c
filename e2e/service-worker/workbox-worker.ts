// A service worker written as a Workbox app writes one: real workbox-strategies (CacheFirst and
// StaleWhileRevalidate), each on a Cache Storage cache bound to the id "api", with the binding's
// plugin. Bundled by server.ts (NODE_ENV production, as Workbox apps ship), served at /workbox-sw.js.
import { getDefaultHub } from 'local-sync-cache';
import { bindCacheStorage, checkOnFetch } from 'local-sync-cache/service-worker';
import { CacheFirst, StaleWhileRevalidate, type Strategy } from 'workbox-strategies';
import { life, onFetch, onMessage, takeOverAtOnce } from './worker-scope';


const cacheFirst = bindCacheStorage('api', { cacheName: 'api-cache-first' });
const staleWhileRevalidate = bindCacheStorage('api', { cacheName: 'api-swr' });
checkOnFetch();

const routes: Record<string, Strategy> = {
  '/api/cache-first': new CacheFirst({ cacheName: cacheFirst.cacheName, plugins: [cacheFirst.workboxPlugin()] }),
  '/api/swr': new StaleWhileRevalidate({ cacheName: staleWhileRevalidate.cacheName, plugins: [staleWhileRevalidate.workboxPlugin()] }),
};

// Every emptying this worker life applied to the id, with its cause: shows the test which path it took.
const causes: string[] = [];
getDefaultHub().watch('api', (cause) => causes.push(cause));

takeOverAtOnce();

onFetch((event) => {
  const strategy = routes[new URL(event.request.url).pathname];
  if (strategy) event.respondWith(strategy.handle(event as unknown as Parameters<Strategy['handle']>[0]));
});

onMessage((event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type !== 'information') return;
  event.source?.postMessage({
    type,
    life,
    causes,
    bindings: { 'cache-first': cacheFirst.information, swr: staleWhileRevalidate.information },
  });
});

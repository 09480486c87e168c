// The service worker under test, written as an app would write it. Bundled by the spec with
// esbuild from dist/ (workers get no import maps), served at /sw.js, registered with scope '/'.
import { getDefaultHub } from 'local-sync-cache';
import { bindCacheStorage, checkOnFetch, getFetchCheck } from 'local-sync-cache/service-worker';
import { life, onFetch, onMessage, takeOverAtOnce } from './worker-scope';


const api = bindCacheStorage('api', { cacheName: 'api-responses' });
checkOnFetch();

takeOverAtOnce();

onFetch((event) => {
  if (new URL(event.request.url).pathname.startsWith('/api/')) api.handleFetch(event, 'cache-first');
});

onMessage((event) => {
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

// The demo page: three realms side by side (same-origin frames are realms of their own, each
// with its own caches, hub and channel), more in tabs of their own, the service worker's panel
// and the server panel.
import { getDefaultHub } from 'local-sync-cache';
import { resetPages } from './page-api';
import { PAGE_URLS } from './page-urls-id';
import { showServerPanel } from './server-panel';
import { showServiceWorkerPanel } from './service-worker-panel';

let opened = 0;
document.getElementById('open-tab')!.addEventListener('click', () => {
  opened += 1;
  window.open(`realm.html?name=${encodeURIComponent(`Tab ${opened}`)}`, '_blank');
});

document.getElementById('reset')!.addEventListener('click', async () => {
  await resetPages();
  // This page keeps no cache of the id: the hub clears it everywhere all the same.
  await getDefaultHub().clear(PAGE_URLS);
});

showServiceWorkerPanel(document.getElementById('service-worker')!);
showServerPanel(document.getElementById('server')!);

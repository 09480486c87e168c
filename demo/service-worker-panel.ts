// The service worker's panel: registers demo/service-worker.ts and lists, live, which answers it
// gave from its Cache Storage and which from the network.
import { SERVICE_WORKER_LOG, type ServedEntry } from './service-worker-log';

/** Lines kept in the panel. */
const KEEP = 30;

export function showServiceWorkerPanel(panel: HTMLElement): void {
  const state = panel.querySelector<HTMLElement>('.state')!;
  const counts = panel.querySelector<HTMLElement>('.counts')!;
  const list = panel.querySelector<HTMLOListElement>('ol')!;
  const served = { cache: 0, network: 0 };
  if (!('serviceWorker' in navigator)) {
    state.textContent = 'No service worker here (it needs a secure context, such as http://localhost).';
    return;
  }
  navigator.serviceWorker.register('./.build/service-worker.js', { scope: './' }).then(
    async () => {
      await navigator.serviceWorker.ready;
      state.textContent = 'Active: it answers GET /api/pages cache-first, from a cache bound to page-urls.';
    },
    (error: unknown) => {
      state.textContent = `Registration failed: ${String(error)}`;
    },
  );
  const log = new BroadcastChannel(SERVICE_WORKER_LOG);
  log.onmessage = ({ data }: MessageEvent<ServedEntry>) => {
    served[data.source] += 1;
    counts.textContent = `from its cache ${served.cache} · from the network ${served.network}`;
    const line = document.createElement('li');
    line.className = data.source;
    const how =
      data.source === 'cache'
        ? 'from its cache'
        : `from the network${data.fresh ? ' (asked fresh)' : ''}; ${data.stored ? 'stored' : 'not stored (requested before a clear)'}`;
    line.append(Object.assign(document.createElement('time'), { textContent: new Date().toISOString().slice(11, 23) }), ` ${data.realm}: ${data.path} ${how}`);
    list.prepend(line);
    while (list.children.length > KEEP) list.lastElementChild!.remove();
  };
}

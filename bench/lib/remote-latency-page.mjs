// The tab of the `remote-latency` benchmark (bundled by remote-latency.mjs): one LocalSyncCache on
// a hub of its own namespace and connectRemote() to the feed of the page's own origin, without Web
// Locks (the only tab leads). Node drives it through `globalThis.benchRemote`. As a reference it
// can instead hold a bare EventSource on the same feed; never both at once, so that neither
// connection's delivery waits for the other's.
import { createSyncHub, LocalSyncCache } from 'local-sync-cache';
import { connectRemote, createHubCore } from 'local-sync-cache/remote';

const now = () => performance.timeOrigin + performance.now();
const hub = createSyncHub({ namespace: `bench-remote-${Date.now()}` });
const cache = new LocalSyncCache('bench', { hub });
const cursor = createHubCore({ hub });
let remote = null;
let bare = null;
let arrived = null;
let onBareClear = () => undefined;

globalThis.benchRemote = {
  now,
  /** Connects through connectRemote() (`'remote'`) or a bare EventSource (`'bare'`), closing the other. */
  use(kind) {
    remote?.close();
    bare?.close();
    remote = kind === 'remote' ? connectRemote({ url: '/clears', hub, locks: null }) : null;
    bare = kind === 'bare' ? new EventSource('/clears') : null;
    bare?.addEventListener('clear', () => onBareClear());
  },
  /** Whether the connection is up (and, for connectRemote, has caught up: `ready` seen, cursor saved). */
  async connected() {
    if (bare) return bare.readyState === EventSource.OPEN;
    return remote.leader && remote.diagnostics.opened > 0 && (await cursor.readCursor()) !== null;
  },
  /** Fills the cache and starts listening for the next arrival. */
  async arm() {
    cache.set('key', 'value');
    arrived = new Promise((resolve) => {
      if (bare) {
        onBareClear = () => resolve({ at: now(), cause: 'bare', size: 0 });
        return;
      }
      const stop = cache.subscribe((event) => {
        stop();
        resolve({ at: now(), cause: event.cause, size: cache.size });
      });
    });
  },
  /** When the cache was emptied, or the bare EventSource had the event (this tab's clock, ms since the epoch), and why. */
  arrived: () => arrived,
  /** Resolves once connectRemote has applied `count` clears since use('remote') (marker and cursor committed). */
  async applied(count) {
    while (remote && remote.diagnostics.clears < count) await new Promise((resolve) => setTimeout(resolve, 1));
  },
};

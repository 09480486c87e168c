// The tab of the `remote-latency` benchmark (bundled by remote-latency.mjs): one LocalSyncCache on
// a hub of its own namespace and connectRemote() to the feed of the page's own origin, without Web
// Locks (the only tab leads). Node drives it through `globalThis.benchRemote`.
import { createSyncHub, LocalSyncCache } from 'local-sync-cache';
import { connectRemote, createHubCore } from 'local-sync-cache/remote';

const now = () => performance.timeOrigin + performance.now();
const hub = createSyncHub({ namespace: `bench-remote-${Date.now()}` });
const cache = new LocalSyncCache('bench', { hub });
const remote = connectRemote({ url: '/clears', hub, locks: null });
const cursor = createHubCore({ hub });
let emptied = null;
// The platform's own share, as a reference: a bare EventSource on the same feed in the same tab,
// stamped for the same publish. (It costs the server a second write per clear.)
const bare = new EventSource('/clears');
let bareArrived = null;
let bareSeen = () => undefined;
bare.addEventListener('clear', () => bareSeen(now()));

globalThis.benchRemote = {
  now,
  /** Whether the connection is up and has caught up (`ready` seen: the cursor is saved). */
  connected: async () => bare.readyState === EventSource.OPEN && remote.leader && remote.diagnostics.opened > 0 && (await cursor.readCursor()) !== null,
  /**
   * Waits until `applied` server clears are fully applied (marker and cursor committed), so no
   * write is in flight, then fills the cache and starts listening for the next emptying.
   */
  async arm(applied) {
    while (remote.diagnostics.clears < applied) await new Promise((resolve) => setTimeout(resolve, 1));
    cache.set('key', 'value');
    bareArrived = new Promise((resolve) => (bareSeen = resolve));
    emptied = new Promise((resolve) => {
      const stop = cache.subscribe((event) => {
        stop();
        resolve({ at: now(), cause: event.cause, size: cache.size });
      });
    });
  },
  /** When the cache was emptied (this tab's clock, ms since the epoch), and why; when the bare EventSource had the event. */
  emptied: async () => ({ ...(await emptied), bareAt: await bareArrived }),
};

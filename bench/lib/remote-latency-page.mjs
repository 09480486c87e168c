// The tab of the `remote-latency` benchmark (bundled by remote-latency.mjs): one LocalSyncCache on
// a hub of its own namespace and connectRemote() to the feed of the page's own origin, without Web
// Locks (the only tab leads). Node drives it through `globalThis.benchRemote`. As references it
// can instead hold a bare EventSource on the same feed, or read the feed's response body through
// fetch() (the other way a browser can receive a stream); one connection at a time, so that no
// connection's delivery waits for another's.
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

/**
 * The feed read as a plain streamed response, shaped like the EventSource it stands in for
 * (`readyState`, `close()`). Each chunk that holds a clear event counts as its arrival: the
 * server writes one event per chunk, and the test is cheaper than any parser.
 */
function readByFetch(url) {
  const aborter = new AbortController();
  const reader = { readyState: EventSource.CONNECTING, close: () => aborter.abort() };
  fetch(url, { signal: aborter.signal })
    .then(async (response) => {
      reader.readyState = EventSource.OPEN;
      const chunks = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (let chunk = await chunks.read(); !chunk.done; chunk = await chunks.read()) {
        if (chunk.value.includes('event: clear')) onBareClear();
      }
    })
    .catch(() => undefined); // aborted by close()
  return reader;
}

globalThis.benchRemote = {
  now,
  /** Connects through connectRemote() (`'remote'`), a bare EventSource (`'bare'`) or a fetch() body reader (`'fetch'`), closing the previous one. */
  use(kind) {
    remote?.close();
    bare?.close();
    remote = kind === 'remote' ? connectRemote({ url: '/clears', hub, locks: null }) : null;
    bare = kind === 'bare' ? new EventSource('/clears') : kind === 'fetch' ? readByFetch('/clears') : null;
    if (kind === 'bare') bare.addEventListener('clear', () => onBareClear());
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

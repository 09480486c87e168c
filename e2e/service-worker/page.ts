// The tab of the service-worker tests: registers the worker, fetches through it, clears the id the
// worker's Cache Storage is bound to, and keeps LocalSyncCaches of its own. Bundled from dist/.
import { createSyncHub, LocalSyncCache } from 'local-sync-cache';
import { createMemoryBus } from 'local-sync-cache/testing';

/** Asks the controlling worker something and waits for its reply of the same type. */
function askWorker(type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent): void => {
      if (event.data?.type !== type) return;
      navigator.serviceWorker.removeEventListener('message', listener);
      resolve(event.data);
    };
    navigator.serviceWorker.addEventListener('message', listener);
    navigator.serviceWorker.controller!.postMessage({ type });
  });
}

// Hears the nudges of this origin, as any tab of the app does.
const live = new LocalSyncCache<string, string>('api', { uniqueIds: false });
// Stamps its markers an hour ahead: a realm whose first read finds one takes it for a clear made
// after it started (the first-read rule F3 of docs/protocol.md), however slowly the test runs.
const aheadHub = createSyncHub({ clock: () => Date.now() + 3_600_000 });
const ahead = new LocalSyncCache<string, string>('api', { hub: aheadHub, uniqueIds: false });
// On a channel of its own: learns of clears only from its checks.
const deafHub = createSyncHub({ notifier: createMemoryBus().connect() });
const deaf = new LocalSyncCache<string, string>('api', { hub: deafHub, uniqueIds: false });

const harness = {
  /** Registers the worker and waits until it controls this page. */
  async register(script = '/sw.js'): Promise<void> {
    await navigator.serviceWorker.register(script, { scope: '/' });
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  },
  /** The serial number the server put in the answer: a new one means the request reached the network. */
  async fetchSerial(path = '/api/data'): Promise<number> {
    const response = await fetch(path);
    return ((await response.json()) as { serial: number }).serial;
  },
  /** Clears the id from this tab, as an app does after changing the data behind /api/. */
  async clear(): Promise<void> {
    await live.clear();
  },
  /** Clears the id, heard by live realms, with a marker a restarted realm's first read empties for. */
  async clearStampedAhead(): Promise<void> {
    await ahead.clear();
  },
  /** Clears the id without posting a nudge anyone hears: only the store learns of it. */
  async clearUnheard(): Promise<void> {
    await deaf.clear();
  },
  /** Fills both tab caches, after the deaf one has read the marker once (its baseline). */
  async fill(): Promise<void> {
    await deaf.checkState();
    live.set('a', 'stored in the tab');
    deaf.set('a', 'stored in the tab');
  },
  /** Whether the worker's Cache Storage cache `cacheName` holds an answer for `path` (pages share Cache Storage with their worker). */
  async isStored(cacheName: string, path: string): Promise<boolean> {
    if (!(await caches.has(cacheName))) return false;
    return (await (await caches.open(cacheName)).match(path)) !== undefined;
  },
  sizes: () => ({ live: live.size, deaf: deaf.size }),
  checkDeaf: () => deaf.checkState(),
  askWorker,
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;

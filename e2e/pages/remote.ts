// A tab of an app that receives server clears: one LocalSyncCache, 'items', on a hub of its own
// namespace, and connectRemote() to the feed given in the query string:
//   ?ns=NAME&feed=URL
// The app also keeps 'items' in localStorage, data that outlives the browser, bound to the id with
// hub.watch() as a service worker binds its Cache Storage. Tests reach it through `window.remoteTab`.
import { createSyncHub, LocalSyncCache } from 'local-sync-cache';
import { connectRemote, createHubCore, type RemoteConnection } from 'local-sync-cache/remote';

const params = new URLSearchParams(location.search);
const hub = createSyncHub({ namespace: params.get('ns') ?? 'remote' });
const cache = new LocalSyncCache<string, string>('items', { hub });
cache.set('a', 'filled');
hub.watch('items', () => localStorage.removeItem(`items:${hub.namespace}`));
const remote = connectRemote({ url: params.get('feed')!, hub });

declare global {
  interface Window {
    remoteTab: { cache: LocalSyncCache<string, string>; remote: RemoteConnection; fill(): void; persist(): void; persisted(): string | null; cursor(): Promise<string | null> };
  }
}
window.remoteTab = {
  cache,
  remote,
  fill: () => cache.set('a', 'filled'),
  persist: () => localStorage.setItem(`items:${hub.namespace}`, 'filled'),
  persisted: () => localStorage.getItem(`items:${hub.namespace}`),
  cursor: () => createHubCore({ hub }).readCursor(),
};

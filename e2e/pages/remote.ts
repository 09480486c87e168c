// A tab of an app that receives server clears: one LocalSyncCache, 'items', on a hub of its own
// namespace, and connectRemote() to the feed given in the query string:
//   ?ns=NAME&feed=URL
// Tests reach it through `window.remoteTab`.
import { createSyncHub, LocalSyncCache } from 'local-sync-cache';
import { connectRemote, type RemoteConnection } from 'local-sync-cache/remote';

const params = new URLSearchParams(location.search);
const hub = createSyncHub({ namespace: params.get('ns') ?? 'remote' });
const cache = new LocalSyncCache<string, string>('items', { hub });
cache.set('a', 'filled');
const remote = connectRemote({ url: params.get('feed')!, hub });

declare global {
  interface Window {
    remoteTab: { cache: LocalSyncCache<string, string>; remote: RemoteConnection; fill(): void };
  }
}
window.remoteTab = { cache, remote, fill: () => cache.set('a', 'filled') };

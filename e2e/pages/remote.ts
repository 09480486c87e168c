// A tab of an app that receives server clears: one LocalSyncCache, 'items', on a hub of its own
// namespace, and connectRemote() to the feed given in the query string:
//   ?ns=NAME&feed=URL[&extra=ID][&dataAge=MS][&connect=later]
// extra: a second cache, filled, that only this tab has; dataAge: connectRemote's option (the
// default is the page's age); connect=later: connectRemote() waits for `remoteTab.connect()`.
// The app also keeps 'items' in localStorage, data that outlives the browser, bound to the id with
// hub.watch() as a service worker binds its Cache Storage. Tests reach it through `window.remoteTab`.
import { createSyncHub, LocalSyncCache } from 'local-sync-cache';
import { connectRemote, createHubCore, type RemoteConnection } from 'local-sync-cache/remote';

const params = new URLSearchParams(location.search);
const hub = createSyncHub({ namespace: params.get('ns') ?? 'remote' });
const cache = new LocalSyncCache<string, string>('items', { hub });
cache.set('a', 'filled');
const extraId = params.get('extra');
const extra = extraId ? new LocalSyncCache<string, string>(extraId, { hub }) : undefined;
extra?.set('b', 'filled');
hub.watch('items', () => localStorage.removeItem(`items:${hub.namespace}`));
const dataAge = params.get('dataAge');
const connect = () => connectRemote({ url: params.get('feed')!, hub, dataAge: dataAge === null ? undefined : () => Number(dataAge) });
let remote = params.get('connect') === 'later' ? null : connect();

declare global {
  interface Window {
    remoteTab: {
      cache: LocalSyncCache<string, string>;
      extra: LocalSyncCache<string, string> | undefined;
      /** The connection; with `connect=later`, only once connect() was called. */
      remote: RemoteConnection;
      connect(): void;
      fill(): void;
      persist(): void;
      persisted(): string | null;
      cursor(): Promise<string | null>;
    };
  }
}
window.remoteTab = {
  cache,
  extra,
  get remote() {
    return remote!;
  },
  connect: () => void (remote ??= connect()),
  fill: () => cache.set('a', 'filled'),
  persist: () => localStorage.setItem(`items:${hub.namespace}`, 'filled'),
  persisted: () => localStorage.getItem(`items:${hub.namespace}`),
  cursor: () => createHubCore({ hub }).readCursor(),
};

// A tab of an app that receives server clears: one LocalSyncCache, 'items', on a hub of its own
// namespace, and connectRemote() to the feed given in the query string:
//   ?ns=NAME&feed=URL[&extra=ID][&dataAge=MS][&connect=later]
// extra: a second cache, filled, that only this tab has; dataAge: connectRemote's option (the
// default is the page's age); connect=later: connectRemote() waits for `remoteTab.connect()`.
// The app also keeps 'items' in localStorage, data that outlives the browser, bound to the id with
// hub.watch() as a service worker binds its Cache Storage, and checks on the page lifecycle
// (installAutoCheck). Its nudges go through a test notifier that can drop them, standing in for a
// nudge that a hidden tab never got. Tests reach it through `window.remoteTab`.
import { createSyncHub, installAutoCheck, LocalSyncCache } from 'local-sync-cache';
import { connectRemote, createHubCore, type RemoteConnection } from 'local-sync-cache/remote';
import { createTestNotifier, type TestNotifier } from './shared/test-notifier';

const params = new URLSearchParams(location.search);
const namespace = params.get('ns') ?? 'remote';
const notifier = createTestNotifier(`local-sync-cache:${namespace}`);
const hub = createSyncHub({ namespace, notifier });
installAutoCheck({ hub });
const cache = new LocalSyncCache<string, string>('items', { hub });
cache.set('a', 'filled');
const causes: string[] = [];
cache.subscribe((event) => causes.push(event.cause));
const lifecycle: string[] = [];
document.addEventListener('visibilitychange', () => lifecycle.push(document.visibilityState));
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
      notifier: TestNotifier;
      /** Why `cache` was emptied, in order. */
      causes: string[];
      /** `visibilityState` at each visibilitychange. */
      lifecycle: string[];
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
  notifier,
  causes,
  lifecycle,
  get remote() {
    return remote!;
  },
  connect: () => void (remote ??= connect()),
  fill: () => cache.set('a', 'filled'),
  persist: () => localStorage.setItem(`items:${hub.namespace}`, 'filled'),
  persisted: () => localStorage.getItem(`items:${hub.namespace}`),
  cursor: () => createHubCore({ hub }).readCursor(),
};

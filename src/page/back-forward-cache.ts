import type { SyncHub } from '../hub/sync-hub.js';

/**
 * The page is entering the back/forward cache (a persisted `pagehide`). Closes the default
 * channel, since Chromium evicts a cached page that receives a BroadcastChannel message (and
 * Safari drops such messages silently). Empties every cache now, because on a restore an app
 * `pageshow` listener may read before any of ours runs. Starts no store read: a transaction
 * pending at freeze time can keep the page out of the cache.
 */
export function enterBackForwardCache(hub: SyncHub): void {
  if (hub.closed) return;
  hub.suspendChannel();
  hub.emptyLocally({ read: false });
}

/**
 * The page was restored from the back/forward cache (a persisted `pageshow`). Reopens the
 * channel, empties again what `pagehide` listeners after ours may have filled, refuses fills
 * that were in flight, and reads the markers anew as first reads (docs/protocol.md, L1).
 */
export function leaveBackForwardCache(hub: SyncHub): void {
  if (hub.closed) return;
  hub.resumeChannel();
  hub.emptyLocally();
}

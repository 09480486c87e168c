import { getDefaultHub } from '../hub/default-hub.js';
import type { SyncHub } from '../hub/sync-hub.js';
import { createFetchCheck, type FetchCheck } from './fetch-check.js';

// Created on first use, not at import: importing the entry must do nothing.
let checksByHub: WeakMap<SyncHub, FetchCheck> | undefined;

/**
 * The fetch check shared by everything in this realm that uses `hub` without naming a check:
 * `checkOnFetch()`, every `bindCacheStorage()`, and your own handlers. Sharing one check is what
 * lets all of them share reads. Created on first use with the default interval.
 *
 * @example
 * self.addEventListener('fetch', (event) => {
 *   event.respondWith(getFetchCheck().forEvent(event).then(() => answer(event.request)));
 * });
 */
export function getFetchCheck(hub: SyncHub = getDefaultHub()): FetchCheck {
  checksByHub ??= new WeakMap();
  let check = checksByHub.get(hub);
  if (!check) {
    check = createFetchCheck({ hub });
    checksByHub.set(hub, check);
  }
  return check;
}

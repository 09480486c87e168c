import type { ClearEvent } from '../clear-cause.js';
import { describeValue } from '../errors.js';
import type { LocalSyncCache } from '../local-sync-cache.js';

/** Anything with a LocalSyncCache's `subscribe()`: the bridges need nothing else of a cache. */
export interface Emptiable {
  readonly id: string;
  subscribe(listener: (event: ClearEvent) => void): () => void;
}

/**
 * Calls `onEmpty` once per synchronous burst of emptyings of `caches`: one check that empties
 * five caches is one revalidation, not five. The first emptying calls at once (a router told
 * synchronously can still abort the loads a guard is holding back); later ones in the same task
 * are folded into it.
 * @returns the function that stops listening.
 */
export function onCachesEmptied(api: string, caches: ReadonlyArray<LocalSyncCache<any, any> | Emptiable>, onEmpty: (event: ClearEvent) => void): () => void {
  if (__DEV__ && (!Array.isArray(caches) || caches.length === 0 || !caches.every((cache) => typeof cache?.subscribe === 'function'))) {
    throw new TypeError(`${api} needs the LocalSyncCache instances the router's data is read from, e.g. [pageUrls, users], got ${describeValue(caches)}.`);
  }
  let folded = false;
  const listener = (event: ClearEvent): void => {
    if (folded) return;
    folded = true;
    queueMicrotask(() => {
      folded = false;
    });
    onEmpty(event);
  };
  const stops = caches.map((cache) => cache.subscribe(listener));
  return () => {
    for (const stop of stops) stop();
  };
}

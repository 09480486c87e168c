import type { LocalSyncCache } from '../local-sync-cache.js';

/** The `subscribe` argument of `useSyncExternalStore` for a cache: any emptying is a change. */
export function subscribeToClears(cache: LocalSyncCache<unknown, unknown>): (onChange: () => void) => () => void {
  return (onChange) => cache.subscribe(onChange);
}

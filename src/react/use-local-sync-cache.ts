import { useCallback, useSyncExternalStore } from 'react';
import type { LocalSyncCache } from '../local-sync-cache.js';
import { subscribeToClears } from './subscribe-to-clears.js';

/**
 * Returns `cache` and re-renders the component whenever the cache is emptied, by a clear here
 * or in another tab, so it recomputes what it read from it. Built on `useSyncExternalStore`:
 * the snapshot is the cache's fill token, which changes exactly when the cache is emptied.
 *
 * @example
 * const pageUrls = new LocalSyncCache<number, string>('page-urls');
 * function PageLink({ page }: { page: Page }) {
 *   const urls = useLocalSyncCache(pageUrls);
 *   let url = urls.get(page.id);
 *   if (url === undefined) urls.set(page.id, (url = computeUrl(page)));
 *   return <a href={url}>{page.title}</a>;
 * }
 */
export function useLocalSyncCache<K, V>(cache: LocalSyncCache<K, V>): LocalSyncCache<K, V> {
  const subscribe = useCallback(subscribeToClears(cache as LocalSyncCache<unknown, unknown>), [cache]);
  const token = (): number => cache.fillToken();
  useSyncExternalStore(subscribe, token, token);
  return cache;
}

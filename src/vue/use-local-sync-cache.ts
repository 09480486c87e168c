import { shallowRef, triggerRef, type ShallowRef } from 'vue';
import type { LocalSyncCache } from '../local-sync-cache.js';
import { whileMounted } from './on-emptied.js';

/**
 * Returns a shallow ref holding `cache` that triggers whenever the cache is emptied, by a clear
 * here or in another tab: templates, `computed()` and watchers that read it through `.value`
 * recompute. Safe in server rendering (it listens only from mount to unmount).
 *
 * @example
 * const pageUrls = new LocalSyncCache<number, string>('page-urls');
 * // in setup():
 * const urls = useLocalSyncCache(pageUrls);
 * const href = computed(() => {
 *   let url = urls.value.get(props.page.id);
 *   if (url === undefined) urls.value.set(props.page.id, (url = computeUrl(props.page)));
 *   return url;
 * });
 */
export function useLocalSyncCache<K, V>(cache: LocalSyncCache<K, V>): Readonly<ShallowRef<LocalSyncCache<K, V>>> {
  const holder = shallowRef(cache);
  whileMounted('useLocalSyncCache()', cache, () => triggerRef(holder));
  return holder;
}

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LocalSyncCache } from '../local-sync-cache.js';
import { subscribeToClears } from './subscribe-to-clears.js';

/** What {@link useCachedValue} returns. */
export type CachedValueState<V> =
  | { readonly status: 'loading'; readonly value: undefined; readonly error: undefined }
  | { readonly status: 'success'; readonly value: V; readonly error: undefined }
  | { readonly status: 'error'; readonly value: undefined; readonly error: unknown };

interface Settled<K, V> {
  key: K;
  token: number;
  state: CachedValueState<V>;
}

const LOADING: CachedValueState<never> = { status: 'loading', value: undefined, error: undefined };

/**
 * Reads one value through `cache.getOrLoad(key, load)`: the cached value at once, or `loading`
 * until `load` settles. When the cache is emptied (here or in another tab) the component
 * re-renders and loads again; a load that started before the clear is never stored. Loads are
 * shared per key, so StrictMode's double effects start one load.
 *
 * @example
 * const { status, value } = useCachedValue(pageUrls, page.id, () => fetchUrl(page.id));
 */
export function useCachedValue<K, V>(cache: LocalSyncCache<K, V>, key: K, load: (key: K) => V | PromiseLike<V>): CachedValueState<V> {
  const subscribe = useCallback(subscribeToClears(cache as LocalSyncCache<unknown, unknown>), [cache]);
  const readToken = (): number => cache.fillToken();
  const token = useSyncExternalStore(subscribe, readToken, readToken);
  const loadRef = useRef(load);
  const [settled, setSettled] = useState<Settled<K, V>>();

  useEffect(() => {
    loadRef.current = load;
  });

  const cached = cache.has(key);
  useEffect(() => {
    if (cached) return;
    let active = true;
    cache.getOrLoad(key, (requested) => loadRef.current(requested)).then(
      (value) => active && setSettled({ key, token, state: { status: 'success', value, error: undefined } }),
      (error: unknown) => active && setSettled({ key, token, state: { status: 'error', value: undefined, error } }),
    );
    return () => {
      active = false;
    };
  }, [cache, key, token, cached]);

  if (cached) return { status: 'success', value: cache.get(key) as V, error: undefined };
  if (settled && Object.is(settled.key, key) && settled.token === token) return settled.state;
  return LOADING;
}

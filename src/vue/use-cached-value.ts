import { shallowRef, toValue, watch, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import type { LocalSyncCache } from '../local-sync-cache.js';
import { whileMounted } from './on-emptied.js';

/** What {@link useCachedValue} holds: the same shape as the React hook's. */
export type CachedValueState<V> =
  | { readonly status: 'loading'; readonly value: undefined; readonly error: undefined }
  | { readonly status: 'success'; readonly value: V; readonly error: undefined }
  | { readonly status: 'error'; readonly value: undefined; readonly error: unknown };

const LOADING: CachedValueState<never> = Object.freeze({ status: 'loading', value: undefined, error: undefined });
const success = <V>(value: V): CachedValueState<V> => ({ status: 'success', value, error: undefined });

/**
 * Reads one value through `cache.getOrLoad(key, load)` into a shallow ref: the cached value at
 * once, or `loading` until `load` settles. When the cache is emptied (here or in another tab) or
 * `key` changes, it loads again; a load that started before a clear is never stored, and a
 * result for an older key or an older clear is dropped. Loads are shared per key. In server
 * rendering it holds the cached value or `loading` and starts no load (it loads once mounted).
 *
 * @param key the key, or a ref or getter of it (`() => props.id`).
 * @example
 * // in setup():
 * const user = useCachedValue(users, () => props.id, (id) => api.fetchUser(id));
 * // template: <span v-if="user.status === 'success'">{{ user.value.name }}</span>
 */
export function useCachedValue<K, V>(
  cache: LocalSyncCache<K, V>,
  key: MaybeRefOrGetter<K>,
  load: (key: K) => V | PromiseLike<V>,
): Readonly<ShallowRef<CachedValueState<V>>> {
  if (__DEV__ && typeof load !== 'function') {
    throw new TypeError('local-sync-cache/vue: useCachedValue() needs a load function as its third argument.');
  }
  const initialKey = toValue(key);
  const state = shallowRef<CachedValueState<V>>(cache?.has?.(initialKey) ? success(cache.get(initialKey) as V) : LOADING);
  // Bumped on every emptying: the watcher below then runs again.
  const emptyings = shallowRef(0);
  const read = (requested: K, round: number): void => {
    if (cache.has(requested)) {
      state.value = success(cache.get(requested) as V);
      return;
    }
    state.value = LOADING;
    const current = (): boolean => emptyings.value === round && Object.is(toValue(key), requested);
    cache.getOrLoad(requested, load).then(
      (value) => {
        if (current()) state.value = success(value);
      },
      (error: unknown) => {
        if (current()) state.value = { status: 'error', value: undefined, error };
      },
    );
  };
  whileMounted(
    'useCachedValue()',
    cache,
    () => {
      emptyings.value += 1;
    },
    () => {
      // Created in the mount hook (or the scope), so Vue stops it with its owner.
      watch([() => toValue(key), emptyings], ([requested, round]) => read(requested, round), { immediate: true });
    },
  );
  return state;
}

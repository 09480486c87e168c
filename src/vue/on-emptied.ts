import { getCurrentInstance, getCurrentScope, onMounted, onScopeDispose, onUnmounted } from 'vue';
import type { LocalSyncCache } from '../local-sync-cache.js';
import { errorText } from '../errors.js';

/**
 * Runs `start` when it is safe to listen to `cache`, and stops listening when the owner ends:
 * in a component, from mount to unmount, because the server never mounts and never unmounts,
 * so a listener added during server rendering would never be removed; in a bare effectScope(),
 * at once until the scope is stopped. `onEmpty` is called after every emptying, and once at the
 * start when the cache was emptied between setup and mount.
 */
export function whileMounted(api: string, cache: LocalSyncCache<any, any>, onEmpty: () => void, start: () => void = () => undefined): void {
  if (__DEV__ && (typeof cache?.subscribe !== 'function' || typeof cache.fillToken !== 'function')) {
    throw new TypeError(`local-sync-cache/vue: ${api} needs a LocalSyncCache as its first argument.`);
  }
  const listen = (): (() => void) => {
    const stop = cache.subscribe(onEmpty);
    start();
    return stop;
  };
  if (getCurrentInstance()) {
    const tokenAtSetup = cache.fillToken();
    let stop: (() => void) | undefined;
    onMounted(() => {
      stop = listen();
      if (cache.fillToken() !== tokenAtSetup) onEmpty();
    });
    onUnmounted(() => stop?.());
  } else if (getCurrentScope()) {
    onScopeDispose(listen());
  } else {
    throw new Error(errorText('vue-no-scope', __DEV__ && `local-sync-cache/vue: call ${api} inside a component's setup() or an effectScope(), so its listener can be removed.`));
  }
}

import { getDefaultHub } from '../hub/default-hub.js';
import { describeValue } from '../errors.js';
import type { SyncHub } from '../hub/sync-hub.js';
import { asGuardCheck } from './guard-activity.js';

export interface GuardOptions {
  /** The hub whose caches to check. @default the default hub */
  hub?: SyncHub;
  /**
   * The longest a navigation waits for the check, in milliseconds. A check normally takes one
   * IndexedDB read (about a millisecond); this only bounds a store that hangs. The check goes
   * on after the navigation proceeds and still empties what it must.
   * @default 2000
   */
  maxWait?: number;
}

/**
 * Returns a function that runs `checkAll()` and resolves when it has finished (or after
 * `maxWait`). It never rejects: a guard must not cancel or redirect a navigation.
 */
export function createCheckWaiter(options: GuardOptions = {}): () => Promise<void> {
  if (__DEV__ && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`local-sync-cache/router: options must be an object, got ${describeValue(options)}; pass {} or leave it out.`);
  }
  const { hub, maxWait = 2000 } = options;
  if (__DEV__ && !(typeof maxWait === 'number' && maxWait >= 0)) {
    throw new TypeError(`local-sync-cache/router: maxWait must be a number of milliseconds, got ${describeValue(maxWait)}; for example { maxWait: 2000 }.`);
  }
  return async () => {
    const target = hub ?? getDefaultHub();
    if (target.closed) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxWait);
    });
    try {
      await asGuardCheck(Promise.race([target.checkAll().then(() => undefined, () => undefined), deadline]));
    } finally {
      clearTimeout(timer);
    }
  };
}

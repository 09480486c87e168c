import { errorText } from '../errors.js';
import { createMemoryStore } from './memory-store.js';
import type { SharedStore, SharingMode } from './shared-store.js';

export interface ResilientStoreOptions {
  /** How long one operation may take before it counts as failed. */
  timeout: number;
  /** Called once, the first time sharing is lost, with why. */
  onDegrade: (reason: string, error: unknown) => void;
  /** How long to wait before the one retry of a failed operation. @default 50 */
  retryDelay?: number;
  /** How long to stay local-only after a failure before trying the shared store again. @default 5000 */
  recoveryDelay?: number;
}

/**
 * Store trouble must never crash the app. Each operation gets a deadline and, after a short
 * pause, one retry: a wiped profile force-closes the connection, and a retry made at once can
 * land on the deletion still in progress. After a second failure, or when there never was a
 * store, markers live in this realm's memory ("local-only"); every `recoveryDelay` one
 * operation tries the shared store again, and sharing resumes when it answers.
 *
 * @param primary the real store, or `undefined` with `missingReason` when there is none.
 */
export function createResilientStore(
  primary: SharedStore | undefined,
  missingReason: string,
  options: ResilientStoreOptions,
): SharedStore {
  const { timeout, retryDelay = 50, recoveryDelay = 5000 } = options;
  let fallback: SharedStore | undefined;
  let warned = false;
  let failedAt = 0;

  const degrade = (reason: string, error: unknown): SharedStore => {
    failedAt = Date.now();
    if (!fallback) {
      fallback = createMemoryStore('local-only');
      primary?.close();
      if (!warned) options.onDegrade(reason, error);
      warned = true;
    }
    return fallback;
  };

  const withDeadline = <T>(operation: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(errorText('store-timeout', __DEV__ && `the shared store did not answer within ${timeout} ms`))), timeout);
      operation.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, retryDelay));

  const run = async <T>(operation: (store: SharedStore) => Promise<T>): Promise<T> => {
    if (!primary) return operation(fallback ?? degrade(missingReason, undefined));
    const local = fallback;
    if (local) {
      if (Date.now() - failedAt < recoveryDelay) return operation(local);
      try {
        const value = await withDeadline(operation(primary));
        // Markers written to memory meanwhile are dropped: realms compare by identity, so
        // the worst that follows is a counted precaution clear, never a missed one.
        fallback = undefined;
        return value;
      } catch {
        failedAt = Date.now();
        return operation(local);
      }
    }
    try {
      return await withDeadline(operation(primary));
    } catch {
      await pause();
      try {
        return await withDeadline(operation(primary));
      } catch (error) {
        return operation(degrade(__DEV__ ? `the shared store failed twice (${describeError(error)})` : '', error));
      }
    }
  };

  return {
    get sharing(): SharingMode {
      return fallback ? fallback.sharing : (primary?.sharing ?? 'local-only');
    },
    read: (ids, unchangedSince) => run((store) => store.read(ids, unchangedSince)),
    update: (id, updater) => run((store) => store.update(id, updater)),
    updateMany: (updaters, extras) => run((store) => store.updateMany(updaters, extras)),
    readExtra: (key) => run((store) => store.readExtra(key)),
    close() {
      primary?.close();
      fallback?.close();
    },
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

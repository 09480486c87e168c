import { createMemoryStore } from './memory-store.js';
import type { SharedStore, SharingMode } from './shared-store.js';

export interface ResilientStoreOptions {
  /** How long one operation may take before it counts as failed. */
  timeout: number;
  /** Called once, when sharing is lost for good, with why. */
  onDegrade: (reason: string, error: unknown) => void;
}

/**
 * Store trouble must never crash the app: each operation is given a deadline and one retry
 * (a wiped profile closes the connection once; the retry reconnects). After a second failure,
 * or when there never was a store, markers live in this realm's memory from then on.
 *
 * @param primary the real store, or `undefined` with `missingReason` when there is none.
 */
export function createResilientStore(
  primary: SharedStore | undefined,
  missingReason: string,
  options: ResilientStoreOptions,
): SharedStore {
  let fallback: SharedStore | undefined;

  const degrade = (reason: string, error: unknown): SharedStore => {
    if (!fallback) {
      fallback = createMemoryStore('local-only');
      primary?.close();
      options.onDegrade(reason, error);
    }
    return fallback;
  };

  const withDeadline = <T>(operation: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local-sync-cache: the shared store did not answer within ${options.timeout} ms`)), options.timeout);
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

  const run = async <T>(operation: (store: SharedStore) => Promise<T>): Promise<T> => {
    if (fallback || !primary) return operation(fallback ?? degrade(missingReason, undefined));
    try {
      return await withDeadline(operation(primary));
    } catch {
      try {
        return await withDeadline(operation(primary));
      } catch (error) {
        return operation(degrade(`the shared store failed twice (${describeError(error)})`, error));
      }
    }
  };

  return {
    get sharing(): SharingMode {
      return fallback ? fallback.sharing : (primary?.sharing ?? 'local-only');
    },
    readMany: (ids) => run((store) => store.readMany(ids)),
    update: (id, updater) => run((store) => store.update(id, updater)),
    close() {
      primary?.close();
      fallback?.close();
    },
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

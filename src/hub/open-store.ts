import { errorText } from '../errors.js';
import { findIndexedDB } from '../environment.js';
import { createIndexedDBStore } from '../shared-store/indexeddb-store.js';
import { createResilientStore } from '../shared-store/resilient-store.js';
import type { SharedStore } from '../shared-store/shared-store.js';
import type { Logger } from './hub-options.js';

export interface OpenStoreOptions {
  /** The store the app injected, if any. */
  given: SharedStore | undefined;
  namespace: string;
  timeout: number;
  logger: Logger;
  onError: (error: unknown) => void;
}

/**
 * The store a hub talks to: the injected one, else IndexedDB database
 * `local-sync-cache:<namespace>`, always behind the resilient wrapper (deadline, one retry on a
 * fresh connection, then local-only with one warning).
 */
export function openSharedStore({ given, namespace, timeout, logger, onError }: OpenStoreOptions): SharedStore {
  const factory = given ? undefined : findIndexedDB();
  const primary = given ?? (factory ? createIndexedDBStore({ databaseName: `local-sync-cache:${namespace}`, indexedDB: factory }) : undefined);
  return createResilientStore(primary, __DEV__ ? 'this runtime has no IndexedDB' : '', {
    timeout,
    onDegrade: (reason, error) => {
      logger.warn(
        errorText(
          'not-shared',
          __DEV__ &&
            `markers are not shared (${reason}). Live tabs still hear clear() at once, ` +
              'but tabs that were hidden, frozen or in the back/forward cache, and stopped service workers, will not catch up.',
        ),
      );
      if (error !== undefined) onError(error);
    },
  });
}

// One origin for the service-worker tests: a shared store and channel, a memory Cache Storage, and
// realms to open on them. Tabs and workers are hubs on the shared store; a worker "restarts" by
// closing its hub and binding a fresh one to the same Cache Storage.
import { createSyncHub, LocalSyncCache, type SharedStore, type SyncHub } from '../../../src/index.js';
import { createMemoryBus, createMemoryStore, type MemoryStore } from '../../../src/testing/index.js';
import { bindCacheStorage, type CacheStorageBinding, createFetchCheck } from '../../../src/service-worker/index.js';
import { recordingLogger } from '../../helpers/tabs.js';
import { createMemoryCacheStorage } from './memory-cache-storage.js';

/** The Cache Storage cache every worker binds to the id `api`. */
export const CACHE = 'api-v1';

const hubs: SyncHub[] = [];
const bindings: CacheStorageBinding[] = [];

/** Has a hub or binding that a test made itself closed with the origins' ones. */
export function closeAfterTest<T extends SyncHub | CacheStorageBinding>(made: T): T {
  if ('dispose' in made) bindings.push(made);
  else hubs.push(made);
  return made;
}

/** Disposes every binding and closes every hub the origins made; for `afterEach`. */
export function closeWorkerOrigins(): void {
  bindings.splice(0).forEach((binding) => binding.dispose());
  hubs.splice(0).forEach((hub) => hub.close());
}

export interface WorkerOriginOptions {
  /** The store every realm shares. @default a new memory store */
  store?: SharedStore;
  /** The system clock of every realm. @default Date.now */
  clock?: () => number;
}

export type WorkerOrigin = ReturnType<typeof createWorkerOrigin>;

export function createWorkerOrigin(options: WorkerOriginOptions = {}) {
  const store = options.store ?? createMemoryStore();
  const bus = createMemoryBus();
  const storage = createMemoryCacheStorage();
  const network = { requests: 0 };
  /** A realm's hub; `hearsNudges: false` stands for a lost message (a stopped worker, a frozen tab). */
  const hub = (hearsNudges = true): SyncHub => {
    const notifier = (hearsNudges ? bus : createMemoryBus()).connect();
    const created = createSyncHub({ store, notifier, clock: options.clock, logger: recordingLogger() });
    hubs.push(created);
    return created;
  };
  return {
    store: store as MemoryStore,
    storage,
    network,
    hub,
    /** A tab with a LocalSyncCache of the id. */
    tab: (hearsNudges = true) => new LocalSyncCache<string, string>('api', { hub: hub(hearsNudges), uniqueIds: false }),
    /** A (re)started worker with its binding; its network answers are counted in `network`. */
    worker(hearsNudges = true) {
      const workerHub = hub(hearsNudges);
      const errors: unknown[] = [];
      const binding = bindCacheStorage('api', {
        cacheName: CACHE,
        // Interval 0: checks start as soon as the previous read is done, with no timer to drive.
        check: createFetchCheck({ hub: workerHub, interval: 0 }),
        caches: storage.caches,
        fetch: async () => {
          network.requests += 1;
          return new Response(`network answer ${network.requests}`);
        },
        onError: (error) => errors.push(error),
      });
      bindings.push(binding);
      return {
        hub: workerHub,
        binding,
        errors,
        /** The binding's Workbox plugin, made on first use. */
        get plugin() {
          return binding.workboxPlugin();
        },
        /** Stops the worker: its memory is gone, Cache Storage and the store stay. */
        stop() {
          binding.dispose();
          workerHub.close();
        },
      };
    },
  };
}

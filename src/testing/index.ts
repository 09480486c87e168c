/**
 * `local-sync-cache/testing`: stand-ins for the browser parts, so tests can run several "tabs"
 * in one process and make them fail on purpose. Kept out of the main entry so that apps do not
 * ship them.
 *
 * @example
 * import { createSyncHub, LocalSyncCache } from 'local-sync-cache';
 * import { createMemoryBus, createMemoryStore } from 'local-sync-cache/testing';
 * const store = createMemoryStore();
 * const bus = createMemoryBus();
 * const tab = (): SyncHub => createSyncHub({ store, notifier: bus.connect() });
 */
export { createMemoryStore, type MemoryStore } from '../shared-store/memory-store.js';
export { createMemoryBus, type MemoryBus } from '../notifier/memory-notifier.js';
export { createFaultyStore, type FaultyStore, type HeldCall, type HoldPhase, ClosedConnectionError, InjectedStoreError } from './faulty-store.js';
export { createFaultyNotifier, type FaultyNotifier } from './faulty-notifier.js';
export { createManualClock, type ManualClock } from './manual-clock.js';

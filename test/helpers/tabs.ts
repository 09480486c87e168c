import { vi } from 'vitest';
import { createSyncHub, LocalSyncCache, type SharedStore, type SyncHub, type SyncHubOptions } from '../../src/index.js';
import { createMemoryBus, createMemoryStore } from '../../src/testing/index.js';
import { createFaultyNotifier, type FaultyNotifier } from '../../src/testing/faulty-notifier.js';
import { createFaultyStore, type FaultyStore } from '../../src/testing/faulty-store.js';

let namespaceCounter = 0;

/** A namespace no other test uses, so each test gets its own database and channel. */
export function uniqueNamespace(): string {
  namespaceCounter += 1;
  return `test-${process.pid}-${Date.now()}-${namespaceCounter}`;
}

/** A logger that records instead of printing. */
export function recordingLogger() {
  return { warn: vi.fn(), error: vi.fn() };
}

/**
 * Hubs that stand for tabs of one origin: they share the (fake) IndexedDB through the
 * default store and Node's native BroadcastChannel through the default notifier.
 */
export function createTabs(count: number, options: SyncHubOptions = {}): SyncHub[] {
  const namespace = options.namespace ?? uniqueNamespace();
  const tabs = Array.from({ length: count }, () => createSyncHub({ logger: recordingLogger(), ...options, namespace }));
  openHubs.push(...tabs);
  return tabs;
}

const openHubs: SyncHub[] = [];

/** Closes every hub made by createTabs; call in afterEach. */
export function closeTabs(): void {
  for (const hub of openHubs.splice(0)) hub.close();
}

/** Waits until `condition` holds (messages and IndexedDB are asynchronous). */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  await vi.waitFor(() => {
    if (!condition()) throw new Error(`timed out waiting for ${what}`);
  }, { timeout: 3000, interval: 2 });
}

/** Lets queued messages, microtasks and IndexedDB requests run. */
export function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A tab of {@link createMemoryTabs}. */
export interface MemoryTab {
  readonly hub: SyncHub;
  readonly cache: LocalSyncCache<string, string>;
  /** Its connection to the shared store, with faults to inject. */
  readonly store: FaultyStore;
  /** Its channel: nudges to it are held until the test delivers, drops or duplicates them. */
  readonly notifier: FaultyNotifier;
  /** What its hub warned and logged. */
  readonly logger: ReturnType<typeof recordingLogger>;
  /** What reached its hub's onError. */
  readonly errors: unknown[];
}

export interface MemoryTabsOptions {
  /** The id of each tab's cache. @default 'ids' */
  id?: string;
  /** The store every tab shares. @default a new memory store */
  shared?: SharedStore & { wipe?: () => void };
  /** Options for every tab's hub (a clock, a storeTimeout, ...). */
  hub?: SyncHubOptions;
  /** Options for one tab's hub, over `hub` (e.g. a clock of its own). */
  hubFor?: (index: number) => SyncHubOptions;
}

/**
 * Tabs of one origin in one process: hubs on one shared memory store (each through its own
 * faulty connection) and one memory bus (each holding its incoming nudges until the test says),
 * each with a cache. Resolves once every tab's first read has answered. Closed by closeTabs().
 */
export async function createMemoryTabs(count: number, options: MemoryTabsOptions = {}): Promise<MemoryTab[]> {
  const shared = options.shared ?? createMemoryStore();
  const bus = createMemoryBus();
  const tabs = Array.from({ length: count }, (_, index) => {
    const store = createFaultyStore(shared);
    const notifier = createFaultyNotifier(bus.connect());
    notifier.hold();
    const logger = recordingLogger();
    const errors: unknown[] = [];
    const hub = createSyncHub({ logger, onError: (error) => errors.push(error), ...options.hub, ...options.hubFor?.(index), store, notifier });
    openHubs.push(hub);
    return { hub, cache: new LocalSyncCache<string, string>(options.id ?? 'ids', { hub }), store, notifier, logger, errors };
  });
  await Promise.all(tabs.map((tab) => tab.hub.checkAll()));
  return tabs;
}

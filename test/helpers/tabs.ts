import { vi } from 'vitest';
import { createSyncHub, type SyncHub, type SyncHubOptions } from '../../src/index.js';

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

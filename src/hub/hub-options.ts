import { describeValue } from '../errors.js';
import type { Notifier } from '../notifier/notifier.js';
import type { SharedStore } from '../shared-store/shared-store.js';

/** Where the library reports; `console` by default. */
export interface Logger {
  warn(...details: unknown[]): void;
  error(...details: unknown[]): void;
}

export interface SyncHubOptions {
  /**
   * Separates apps that share an origin: it names the IndexedDB database and the channel.
   * @default 'default'
   */
  namespace?: string;
  /** Where markers are shared. @default IndexedDB database `local-sync-cache:<namespace>`, or local-only where there is none */
  store?: SharedStore;
  /** How live realms are nudged. @default native `BroadcastChannel('local-sync-cache:<namespace>')`, or the `broadcast-channel` package where there is none */
  notifier?: Notifier;
  /**
   * The system clock. Stamped on markers and information rows, and used as a hint by a cache's
   * first read (docs/protocol.md, F2/F3); never used to order two clears.
   * @default Date.now
   */
  clock?: () => number;
  /** Receives the single warning when sharing is lost, and errors when no `onError` is given. @default console */
  logger?: Logger;
  /** Receives transport and store failures. @default logs them with `logger.error` */
  onError?: (error: unknown) => void;
  /** How long one store operation may take before it counts as failed (then retried once). @default 5000 */
  storeTimeout?: number;
}

const NAMESPACE_PATTERN = /^[\w.:-]{1,100}$/;

function isObjectWith(value: unknown, methods: readonly string[]): boolean {
  return typeof value === 'object' && value !== null && methods.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/** Throws a TypeError naming the first bad option and the fix. */
export function validateHubOptions(options: SyncHubOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`createSyncHub: options must be an object, got ${describeValue(options)}; pass {} or leave it out.`);
  }
  const { namespace, clock, onError, storeTimeout, store, notifier, logger } = options;
  if (namespace !== undefined && (typeof namespace !== 'string' || !NAMESPACE_PATTERN.test(namespace))) {
    throw new TypeError(`createSyncHub: namespace must be 1-100 letters, digits, "_", "-", "." or ":", got ${describeValue(namespace)}; for example { namespace: 'admin-app' }.`);
  }
  if (clock !== undefined && typeof clock !== 'function') throw new TypeError(`createSyncHub: clock must be a function returning milliseconds, got ${describeValue(clock)}; for example { clock: Date.now }.`);
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError(`createSyncHub: onError must be a function, got ${describeValue(onError)}.`);
  if (storeTimeout !== undefined && !(typeof storeTimeout === 'number' && storeTimeout > 0 && Number.isFinite(storeTimeout))) {
    throw new TypeError(`createSyncHub: storeTimeout must be a positive number of milliseconds, got ${describeValue(storeTimeout)}; for example { storeTimeout: 5000 }.`);
  }
  if (store !== undefined && !isObjectWith(store, ['read', 'update', 'updateMany', 'readExtra', 'close'])) {
    throw new TypeError(`createSyncHub: store must implement SharedStore (read, update, updateMany, readExtra, close), got ${describeValue(store)}; use createMemoryStore() from local-sync-cache/testing in tests.`);
  }
  if (notifier !== undefined && !isObjectWith(notifier, ['post', 'subscribe', 'close'])) {
    throw new TypeError(`createSyncHub: notifier must implement Notifier (post, subscribe, close), got ${describeValue(notifier)}; use createMemoryBus().connect() from local-sync-cache/testing in tests.`);
  }
  if (logger !== undefined && !isObjectWith(logger, ['warn', 'error'])) {
    throw new TypeError(`createSyncHub: logger must have warn() and error(), got ${describeValue(logger)}; for example { logger: console }.`);
  }
}

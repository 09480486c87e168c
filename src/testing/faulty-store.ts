import type { SharedStore } from '../shared-store/shared-store.js';

/** Where a held call waits: before it reaches the inner store, or after (done there, reply not yet seen). */
export type HoldPhase = 'before' | 'after';

/** A call parked by {@link FaultyStore.holdNext}. */
export interface HeldCall {
  readonly operation: 'read' | 'update' | 'updateMany' | 'readExtra';
  readonly ids: readonly string[];
  readonly phase: HoldPhase;
}

/** The error of a call made on a connection the browser closed (site data wiped, Safari's habit). */
export class ClosedConnectionError extends Error {
  override readonly name = 'InvalidStateError';
  constructor() {
    super("faulty store: The database connection is closing (simulated)");
  }
}

/** The error of a call failed on purpose with {@link FaultyStore.failNext}. */
export class InjectedStoreError extends Error {
  override readonly name = 'InjectedStoreError';
  constructor() {
    super('faulty store: call failed on purpose');
  }
}

/**
 * A {@link SharedStore} with hooks for what goes wrong with IndexedDB: the data is wiped, the
 * connection is closed under the caller, a call fails, or a call hangs until the test lets it go.
 */
export interface FaultyStore extends SharedStore {
  /** Calls that reached this wrapper, failed or not. */
  readonly calls: { readonly read: number; readonly update: number; readonly updateMany: number; readonly readExtra: number };
  /** Calls parked by {@link FaultyStore.holdNext}, oldest first. */
  readonly held: readonly HeldCall[];
  /** Makes the next `count` calls reject with `error` before they reach the inner store. */
  failNext(count?: number, error?: unknown): void;
  /** Makes every call from now on reject with `error`, as a store that is gone for good. */
  failAlways(error?: unknown): void;
  /**
   * From now on, every read runs in the inner store at once (its snapshot is taken when it
   * starts, as an IndexedDB transaction's) but answers only when released; `false` stops that.
   */
  holdReads(on?: boolean): void;
  /** Makes the next call reject as a closed IndexedDB connection does; a retry works again. */
  closeConnection(): void;
  /**
   * Parks the next `count` calls until {@link FaultyStore.release}. Never released, a call
   * hangs: the hub's `storeTimeout` then counts it as failed.
   */
  holdNext(count?: number, phase?: HoldPhase): void;
  /** Lets the held call at `index` go on. @returns false when there is none. */
  release(index?: number): boolean;
  /** Lets every held call go on, oldest first. @returns how many. */
  releaseAll(): number;
  /** Forgets every record of the inner store, as when the user clears site data. */
  wipe(): void;
}

interface Parked extends HeldCall {
  go(): void;
}

/**
 * Wraps any store, e.g. `createMemoryStore()`. Hubs given different wrappers around one inner
 * store stand for tabs of one origin, each with its own connection to break.
 *
 * @example
 * const shared = createMemoryStore();
 * const store = createFaultyStore(shared);
 * store.holdNext(1, 'after'); // the next write commits, but its caller does not hear so yet
 */
export function createFaultyStore(inner: SharedStore & { wipe?: () => void }): FaultyStore {
  const calls = { read: 0, update: 0, updateMany: 0, readExtra: 0 };
  const parked: Parked[] = [];
  const failures: unknown[] = [];
  const holds: HoldPhase[] = [];
  let failingForever: { error: unknown } | undefined;
  let holdingReads = false;
  // Ids written through this wrapper, so that wipe() can reach stores that have no wipe of their own.
  const seenIds = new Set<string>();

  const run = <T>(operation: HeldCall['operation'], ids: readonly string[], call: () => Promise<T>): Promise<T> => {
    calls[operation] += 1;
    if (failures.length > 0) return Promise.reject(failures.shift());
    if (failingForever) return Promise.reject(failingForever.error);
    const phase = operation === 'read' && holdingReads ? 'after' : holds.shift();
    if (phase === undefined) return call();
    return new Promise<T>((resolve, reject) => {
      if (phase === 'before') {
        parked.push({ operation, ids, phase, go: () => call().then(resolve, reject) });
        return;
      }
      // Done at once in the inner store; only the answer waits.
      const answer = call();
      parked.push({ operation, ids, phase, go: () => answer.then(resolve, reject) });
    });
  };

  return {
    get sharing() {
      return inner.sharing;
    },
    calls,
    get held() {
      return parked.map(({ operation, ids, phase }) => ({ operation, ids, phase }));
    },
    read(ids, unchangedSince) {
      return run('read', [...ids], () => inner.read(ids, unchangedSince));
    },
    update(id, updater) {
      seenIds.add(id);
      return run('update', [id], () => inner.update(id, updater));
    },
    updateMany(updaters, extras) {
      for (const id of updaters.keys()) seenIds.add(id);
      return run('updateMany', [...updaters.keys()], () => inner.updateMany(updaters, extras));
    },
    readExtra(key) {
      return run('readExtra', [], () => inner.readExtra(key));
    },
    close() {
      inner.close();
    },
    failNext(count = 1, error = new InjectedStoreError()) {
      for (let index = 0; index < count; index++) failures.push(error);
    },
    failAlways(error = new InjectedStoreError()) {
      failingForever = { error };
    },
    holdReads(on = true) {
      holdingReads = on;
    },
    closeConnection() {
      failures.push(new ClosedConnectionError());
    },
    holdNext(count = 1, phase = 'before') {
      for (let index = 0; index < count; index++) holds.push(phase);
    },
    release(index = 0) {
      if (!Number.isInteger(index) || index < 0 || index >= parked.length) return false;
      parked.splice(index, 1)[0].go();
      return true;
    },
    releaseAll() {
      const all = parked.splice(0);
      for (const call of all) call.go();
      return all.length;
    },
    wipe() {
      if (inner.wipe) inner.wipe();
      else for (const id of seenIds) void inner.update(id, () => undefined);
    },
  };
}

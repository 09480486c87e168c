import { createMemoryStore, type SharedStore } from '../../../src/index.js';

/** A shared memory store that counts reads and can hold their answers back. */
export interface GatedStore extends SharedStore {
  /** Reads started so far. */
  readonly reads: number;
  /** From now on, reads take their snapshot when they start but answer only when released. */
  holdReads(): void;
  /** Answers the oldest held read. @returns false when none is held. */
  releaseRead(): boolean;
  /** Stops holding and answers every held read, oldest first. */
  releaseAll(): void;
  /** Reads held now. */
  readonly heldReads: number;
}

/**
 * Stands for IndexedDB shared by several realms. A held read still sees the store as it was when
 * the read started, as an IndexedDB transaction created then would: that is what lets a test place
 * a commit between the start of a read and the arrival of a request.
 */
export function createGatedStore(): GatedStore {
  const inner = createMemoryStore();
  let reads = 0;
  let holding = false;
  const held: Array<() => void> = [];
  return {
    sharing: 'memory',
    get reads() {
      return reads;
    },
    get heldReads() {
      return held.length;
    },
    readMany(ids) {
      reads += 1;
      const snapshot = inner.readMany(ids);
      if (!holding) return snapshot;
      return new Promise((resolve) => held.push(() => resolve(snapshot)));
    },
    update: (id, updater) => inner.update(id, updater),
    close() {},
    holdReads() {
      holding = true;
    },
    releaseRead() {
      const next = held.shift();
      next?.();
      return next !== undefined;
    },
    releaseAll() {
      holding = false;
      for (const next of held.splice(0)) next();
    },
  };
}

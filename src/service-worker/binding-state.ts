import type { ClearCause } from '../clear-cause.js';

/**
 * What a Cache Storage binding knows about the contents of its cache, as a small pure machine:
 * the binding (cache-storage-binding.ts) does the Cache Storage work and feeds the outcomes here;
 * this file decides. Free of I/O so each rule has a unit test (test/service-worker/binding-state.test.ts).
 *
 * - `phase`: `unverified` until start-up reconciliation takes the hub's adopted marker, then
 *   `verifying` while it compares that with the content marker kept in the cache, then `verified`.
 *   A restarted worker knows nothing but Cache Storage, so nothing is served or stored before.
 * - `generation`: the fill token, bumped by every emptying, so a response requested before an
 *   emptying is never stored after it.
 * - `applied`: the generation up to which deletions have finished; the contents are clean when it
 *   equals `generation` (after reconciliation). `-1` means unknown: delete before serving.
 * - `deleting`: deletions asked and not finished, so a repair does not pile up more.
 */
export interface BindingState {
  readonly phase: 'unverified' | 'verifying' | 'verified';
  readonly generation: number;
  readonly applied: number;
  readonly deleting: number;
}

export type BindingEvent =
  /** The hub emptied the id (`hub.watch`). */
  | { readonly type: 'emptied'; readonly cause: ClearCause }
  /** Reconciliation took the adopted marker and starts comparing. */
  | { readonly type: 'verify' }
  /** Reconciliation is done: the contents were vouched for by the content marker, or deleted. */
  | { readonly type: 'verified' }
  /** Reconciliation failed: the contents are unknown. */
  | { readonly type: 'unverifiable' }
  /** A deletion asked at `generation` finished. */
  | { readonly type: 'deleted'; readonly generation: number }
  /** A deletion failed. */
  | { readonly type: 'deleteFailed' }
  /** Contents were found not clean (a match, a put): delete them if nothing else will. */
  | { readonly type: 'untrusted' };

export interface BindingStep {
  readonly state: BindingState;
  /** Delete the bound cache, then report `deleted` (with this generation) or `deleteFailed`. */
  readonly deleteAt?: number;
}

export const INITIAL_BINDING_STATE: BindingState = { phase: 'unverified', generation: 0, applied: 0, deleting: 0 };

/** The next state, and whether to delete the cache. */
export function bindingStep(state: BindingState, event: BindingEvent): BindingStep {
  let { phase, generation, applied, deleting } = state;
  let deleteAt: number | undefined;
  switch (event.type) {
    case 'emptied':
      // Before reconciliation took the adopted marker, emptyings found by store reads (a check,
      // or the first-read precaution F3 of docs/protocol.md at a restarted worker) are judged by
      // reconciliation itself: it keeps the contents only if the content marker names the adopted
      // marker, which covers every clear those reads found. A nudge or a clear made here may not
      // be in the store yet, so it always deletes.
      if (phase === 'unverified' && (event.cause === 'check' || event.cause === 'precaution')) break;
      deleteAt = ++generation;
      deleting++;
      break;
    case 'verify':
      phase = 'verifying';
      break;
    case 'unverifiable':
      applied = -1;
    // falls through: the contents are unknown, which the first untrusted use repairs
    case 'verified':
      phase = 'verified';
      break;
    case 'deleted':
      applied = Math.max(applied, event.generation);
      deleting--;
      break;
    case 'deleteFailed':
      deleting--;
      break;
    case 'untrusted':
      // Before reconciliation, reconciliation decides; a deletion under way will report itself.
      if (phase === 'verified' && !isClean(state) && !deleting) {
        deleting = 1;
        deleteAt = generation;
      }
  }
  return { state: { phase, generation, applied, deleting }, deleteAt };
}

/** Whether the stored contents reflect every emptying: they may be served, and fills of this generation stored. */
export function isClean(state: BindingState): boolean {
  return state.phase === 'verified' && state.applied === state.generation;
}

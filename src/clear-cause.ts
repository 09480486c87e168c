/**
 * Why a cache was emptied.
 * - `'own'`: this instance's `clear()`.
 * - `'sibling'`: another instance with the same id in this realm was cleared.
 * - `'nudge'`: another realm announced a clear on the channel.
 * - `'check'`: a check found a marker written by a clear this realm had not heard of.
 * - `'precaution'`: this realm cannot tell whether it missed a clear (the store lost its
 *   marker, clears raced, the page came back from the back/forward cache), so it empties
 *   to be safe. Counted as a spurious clear.
 */
export type ClearCause = 'own' | 'sibling' | 'nudge' | 'check' | 'precaution';

/** What listeners of {@link LocalSyncCache.subscribe} receive. */
export interface ClearEvent {
  readonly id: string;
  readonly cause: ClearCause;
}

/**
 * The sync protocol of one cache id in one realm, as a pure state machine. Every rule named
 * here (N1, F3, R4, ...) is a row of the decision table in docs/protocol.md, which says what
 * invariant it keeps and why. This file does no I/O and reads no clock: the hub numbers its store
 * calls, performs reads, writes and nudges, feeds their outcomes to {@link step}, and carries out
 * the effects it returns.
 */
import { directlyFollows, isOlder, type Marker, sameMarker } from './marker.js';

/**
 * How far before the moment a realm started listening a marker's time may lie and still make
 * its first read empty the caches (rule F3). All realms of an origin read one system clock, so
 * this only absorbs small clock steps; the clock never orders two clears.
 */
export const FIRST_READ_SLACK = 1000;

/** How many clear tokens a realm remembers per id; older ones only cost a spurious clear. */
export const REMEMBERED_TOKENS = 64;

/** What one realm knows about one id. Immutable: {@link step} returns a new one. */
export interface IdState {
  /** The marker whose clear the caches reflect: `null` when the store had none, `undefined` until a first read answered. */
  readonly adopted: Marker | null | undefined;
  /** The number of the store call whose answer set `adopted` (or that forgot it): answers of earlier calls are out of date. */
  readonly adoptedCall: number;
  /** When this realm started listening for the id (created, forgot, restored), by the system clock. */
  readonly since: number;
  /** Tokens of clears the caches already reflect: nudges heard, own clears, markers applied. Bounded, oldest first. */
  readonly seen: readonly string[];
}

/** The clear's cause as the caches' listeners and counters see it. */
export type EmptyCause = 'own' | 'nudge' | 'check' | 'precaution';

/** Names of the decision table's rows (docs/protocol.md). */
export type Rule =
  | 'C1' // own clear
  | 'N1' // nudge of a clear not seen yet
  | 'N2' // nudge of a clear already seen
  | 'R0' // answer of a call older than the adopted one
  | 'F1' // first read, no marker
  | 'F2' // first read, marker older than the listening start minus the slack
  | 'F3' // first read, recent marker
  | 'R1' // adopted marker or an older one
  | 'R2' // the marker directly after the adopted one, its clear seen here
  | 'R3' // the store lost the adopted marker (a wipe)
  | 'R4' // any other newer marker
  | 'R5' // own re-save answered: it wrote the lost marker back
  | 'W0' // own write answered after a later call's answer was adopted
  | 'W1' // own write over a store that lost the adopted marker
  | 'W2' // own write, the overwritten marker reconciled like a read
  | 'L1'; // forget: start listening anew

/** Something the hub must do. */
export type Effect =
  /** Empty every cache of the id, refusing fills in flight. */
  | { readonly type: 'empty'; readonly cause: EmptyCause }
  /** Write `marker` (the lost one's generation under a fresh epoch) only if the store still holds nothing for the id. */
  | { readonly type: 'resave'; readonly lost: Marker };

export type ProtocolEvent =
  /** This realm's `clear()` started; its nudge carries `by`. */
  | { readonly type: 'clear'; readonly by: string }
  /** A nudge from another realm was heard. */
  | { readonly type: 'nudge'; readonly by: string }
  /** Store call number `call` read `marker`; `now` is the system clock when the answer came. */
  | { readonly type: 'read'; readonly call: number; readonly marker: Marker | null; readonly now: number }
  /** This realm's re-save (store call `call`) answered: the store now holds `stored`, which this realm wrote if `ours`. */
  | { readonly type: 'resaved'; readonly call: number; readonly stored: Marker; readonly ours: boolean; readonly now: number }
  /** This realm's write, store call number `call`, replaced `previous` with `written`. */
  | { readonly type: 'wrote'; readonly call: number; readonly previous: Marker | null; readonly written: Marker; readonly now: number }
  /** Forget what was adopted and start listening anew (`emptyLocally()`, a back/forward-cache restore); `call` is the newest call number. */
  | { readonly type: 'forget'; readonly call: number; readonly now: number };

export interface StepResult {
  readonly state: IdState;
  readonly effects: readonly Effect[];
  /** The row of docs/protocol.md that decided. */
  readonly rule: Rule;
}

/** The state of an id this realm starts listening for at `now`, its newest store call being `call`. */
export function initialState(now: number, call = 0): IdState {
  return { adopted: undefined, adoptedCall: call, since: now, seen: [] };
}

/** Applies one event to one id's state. Pure: the same input always gives the same output. */
export function step(state: IdState, event: ProtocolEvent): StepResult {
  switch (event.type) {
    case 'clear':
      return result({ ...state, seen: remember(state.seen, event.by) }, 'C1', empty('own'));
    case 'nudge':
      if (state.seen.includes(event.by)) return result(state, 'N2');
      return result({ ...state, seen: remember(state.seen, event.by) }, 'N1', empty('nudge'));
    case 'read':
      if (event.call < state.adoptedCall) return result(state, 'R0');
      return reconcile(state, event.marker, event.call, event.now);
    case 'resaved':
      if (event.call < state.adoptedCall) return result(state, 'R0');
      // The store was still empty when ours went in, so no clear came between the wipe (after
      // which R3 emptied the caches) and this write: nothing to empty for.
      if (event.ours) return adopt(state, event.stored, event.call, 'R5');
      return reconcile(state, event.stored, event.call, event.now);
    case 'wrote':
      return wrote(state, event);
    case 'forget':
      return result({ ...state, adopted: undefined, adoptedCall: event.call, since: event.now }, 'L1');
  }
}

/**
 * Whether reading the same marker again, at a later call, would change nothing after `read`
 * (the result of stepping a read). It does when that read was reconciled (not dropped as older
 * than the adopted call, R0) and left a marker adopted: the marker is then the adopted one or
 * older than it, and R1 leaves the state as it is. R3 leaves nothing adopted, and a first read
 * follows it. The hub relies on this when the store says nothing was written since
 * (SharedStore.read): ids whose state is still the one such a read left are not stepped.
 */
export function rereadChangesNothing(read: StepResult): boolean {
  return read.rule !== 'R0' && read.state.adopted !== undefined;
}

/** Brings the state up to a marker the store held at store call `call`. */
function reconcile(state: IdState, marker: Marker | null, call: number, now: number): StepResult {
  const { adopted } = state;
  if (adopted === undefined) return firstRead(state, marker, call);
  if (marker === null && adopted !== null) {
    // The store lost the adopted marker: site data was wiped, and a clear may have been lost
    // with it. Empty, start listening anew, and put the lost marker's generation back under a
    // fresh epoch so that realms which adopted nothing yet cannot take a later clear for the first.
    return result({ ...state, adopted: undefined, adoptedCall: Math.max(call, state.adoptedCall), since: now }, 'R3', empty('precaution'), { type: 'resave', lost: adopted });
  }
  if (marker === null || sameMarker(marker, adopted) || isOlder(marker, adopted)) return result(state, 'R1');
  if (state.seen.includes(marker.by) && follows(adopted, marker)) return adopt(state, marker, call, 'R2');
  return adopt(state, marker, call, 'R4', empty(causeOf(state, marker)));
}

/**
 * A first read has nothing to compare with. A marker written since this realm started listening
 * (minus the slack) may come from a clear whose nudge was lost while the caches were filling, so
 * it empties them; an older one was cleared before any of their entries could be stored.
 */
function firstRead(state: IdState, marker: Marker | null, call: number): StepResult {
  if (marker === null) return adopt(state, null, call, 'F1');
  if (marker.time < state.since - FIRST_READ_SLACK) {
    // Not remembered as seen: if this clear's nudge still arrives, it empties (N1).
    return result({ ...state, adopted: marker, adoptedCall: Math.max(call, state.adoptedCall) }, 'F2');
  }
  // Hearing this clear's nudge does not show that an earlier, unheard clear did not commit
  // between the start and this read: a seen marker still empties, as a precaution.
  const unheard = marker.time >= state.since && !state.seen.includes(marker.by);
  return adopt(state, marker, call, 'F3', empty(unheard ? 'check' : 'precaution'));
}

/**
 * An own write answered. The store showed `previous` at this call, exactly as a read would
 * have; `written` then directly follows it and is this realm's own, so it is adopted silently.
 */
function wrote(state: IdState, event: Extract<ProtocolEvent, { type: 'wrote' }>): StepResult {
  const { call, previous, written, now } = event;
  const { adopted } = state;
  // A later call's answer was adopted and shows this write or something newer: that call ran
  // after this write and reconciled what came before it. (Calls can run out of order, after a
  // timed-out call is retried, so a later call number alone does not show it.)
  if (call < state.adoptedCall && adopted !== undefined && (sameMarker(written, adopted) || isOlder(written, adopted))) return result(state, 'W0');
  if (previous === null && adopted) {
    // Wiped: unlike R3 nothing needs re-saving, the store now holds this write.
    return result({ ...state, adopted: written, adoptedCall: Math.max(call, state.adoptedCall), seen: remember(state.seen, written.by) }, 'W1', empty('precaution'));
  }
  const before = reconcile(state, previous, call, now);
  const after = reconcile(before.state, written, call, now);
  return { state: after.state, effects: [...before.effects, ...after.effects], rule: 'W2' };
}

/** Whether `marker` is the clear right after `adopted` in the store's own order. */
function follows(adopted: Marker | null, marker: Marker): boolean {
  return adopted === null ? marker.gen === 1 : directlyFollows(adopted, marker);
}

/** External when this realm never heard of the clear; a precaution when it did but cannot rule out one in between. */
function causeOf(state: IdState, marker: Marker): EmptyCause {
  return state.seen.includes(marker.by) ? 'precaution' : 'check';
}

function adopt(state: IdState, marker: Marker | null, call: number, rule: Rule, ...effects: Effect[]): StepResult {
  const seen = marker ? remember(state.seen, marker.by) : state.seen;
  // Never lowered: a write answered late (W2) must not let answers older than the adopted one through R0.
  return result({ ...state, adopted: marker, adoptedCall: Math.max(call, state.adoptedCall), seen }, rule, ...effects);
}

function empty(cause: EmptyCause): Effect {
  return { type: 'empty', cause };
}

/** Shared by every result without effects: a check of many unchanged ids allocates no arrays. */
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

function result(state: IdState, rule: Rule, ...effects: Effect[]): StepResult {
  return { state, effects: effects.length === 0 ? NO_EFFECTS : effects, rule };
}

/** Adds a token, forgetting the oldest beyond {@link REMEMBERED_TOKENS}. */
function remember(tokens: readonly string[], token: string): readonly string[] {
  if (tokens.includes(token)) return tokens;
  const next = [...tokens, token];
  return next.length > REMEMBERED_TOKENS ? next.slice(next.length - REMEMBERED_TOKENS) : next;
}

/**
 * A marker is the shared record of an id's last clear. It is the only thing the store
 * holds: values never leave the realm that computed them.
 */
export interface Marker {
  /** Random; chosen when the record is created, so a wiped store never repeats an old identity. */
  readonly epoch: string;
  /** Bumped by one in the same read-write transaction as every clear. */
  readonly gen: number;
  /**
   * When the clear's write ran, by the writing realm's system clock, and never less than the time
   * of the marker it replaced: so it bounds every clear in the marker's history, even when a
   * write was held back while later clears committed. Never orders two clears; a first read
   * uses it as a hint for a precaution (docs/protocol.md, F2/F3).
   */
  readonly time: number;
  /** The token of the clear that wrote it: `<realm id>#<sequence>`. Also carried by its nudge. */
  readonly by: string;
}

const MAX_TEXT = 200;

function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;
}

/**
 * Validates a record read from the shared store. Anything another version, another library
 * or a corrupted profile left there is foreign data: it yields `undefined`, never an exception.
 */
export function parseMarker(record: unknown): Marker | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  try {
    const { epoch, gen, time, by } = record as Record<string, unknown>;
    if (!isShortText(epoch) || !isShortText(by)) return undefined;
    if (typeof gen !== 'number' || !Number.isSafeInteger(gen) || gen < 1) return undefined;
    if (typeof time !== 'number' || !Number.isFinite(time)) return undefined;
    return { epoch, gen, time, by };
  } catch {
    return undefined;
  }
}

/** Identity, not time: two markers are the same clear when epoch, generation and token agree. */
export function sameMarker(a: Marker | null, b: Marker | null): boolean {
  if (a === null || b === null) return a === b;
  return a.epoch === b.epoch && a.gen === b.gen && a.by === b.by;
}

/** True when `next` is the clear that directly follows `previous` in the store's own order. */
export function directlyFollows(previous: Marker | null, next: Marker): boolean {
  return previous !== null && previous.epoch === next.epoch && next.gen === previous.gen + 1;
}

/** True when `candidate` is provably older than `current` (same epoch, lower generation). */
export function isOlder(candidate: Marker | null, current: Marker | null): boolean {
  return candidate !== null && current !== null && candidate.epoch === current.epoch && candidate.gen < current.gen;
}

/**
 * The marker a clear writes over `previous`. Over nothing (a new or wiped store) it starts a new
 * epoch but continues from the generation this realm knew: a realm that adopted nothing yet
 * must not take a clear written after a wipe for the id's very first one.
 */
export function markerAfter(previous: Marker | null, known: Marker | null | undefined, by: string, time: number, newEpoch: () => string): Marker {
  return previous
    ? { epoch: previous.epoch, gen: previous.gen + 1, time: Math.max(time, previous.time), by }
    : { epoch: newEpoch(), gen: (known?.gen ?? 0) + 1, time, by };
}

/** The marker that puts a lost one back: same generation, clear and time, under a fresh epoch (docs/protocol.md, R3). */
export function resavedMarker(lost: Marker, newEpoch: () => string): Marker {
  return { ...lost, epoch: newEpoch() };
}

/** A short human label, e.g. `3f9a…:12`. */
export function markerLabel(marker: Marker | null): string {
  return marker === null ? '(none)' : `${marker.epoch.slice(0, 6)}:${marker.gen}`;
}

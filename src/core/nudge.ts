/**
 * A nudge is the channel message that tells live realms about a clear at once. It is posted
 * before the marker write, so it empties the receiver's cache itself instead of asking the
 * receiver to read a store that may not hold the new marker yet.
 */
export interface Nudge {
  readonly type: typeof NUDGE_TYPE;
  readonly version: 1;
  /** The cleared cache id; the empty string clears every cache of the namespace (src/core/namespace-id.ts). */
  readonly id: string;
  /** The clear's token, the same as the `by` of the marker it is about to write. */
  readonly by: string;
}

export const NUDGE_TYPE = 'local-sync-cache:cleared';
const MAX_TEXT = 1000;

export function createNudge(id: string, by: string): Nudge {
  return { type: NUDGE_TYPE, version: 1, id, by };
}

/**
 * Validates a message from the channel. Any tab of the origin, any library and any version
 * may post there: whatever is not exactly a nudge yields `undefined`. Only own properties are
 * read, so a message can never reach `Object.prototype`.
 */
export function parseNudge(message: unknown): Nudge | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  try {
    const own = (key: string): unknown =>
      Object.prototype.hasOwnProperty.call(message, key) ? (message as Record<string, unknown>)[key] : undefined;
    const type = own('type');
    const version = own('version');
    const id = own('id');
    const by = own('by');
    if (type !== NUDGE_TYPE || version !== 1) return undefined;
    // The empty id is the namespace-wide one (src/core/namespace-id.ts).
    if (typeof id !== 'string' || id.length > MAX_TEXT) return undefined;
    if (typeof by !== 'string' || by.length === 0 || by.length > MAX_TEXT) return undefined;
    return { type, version, id, by };
  } catch {
    return undefined;
  }
}

/**
 * Stream ids in Redis' `<ms>-<seq>` form, shared by the server feed and the browser client that reads it: the SSE `id:` of every event and the cursor a client
 * resumes from. They come from clients (headers, query strings) and from Redis, so they are parsed
 * strictly and compared as numbers: `"9-0"` must sort before `"10-0"`, which string order gets wrong.
 */

/** Redis allows each half up to 2^64 - 1: twenty digits at most. */
const ID_PATTERN = /^(\d{1,20})-(\d{1,20})$/;
const MAX_PART = (1n << 64n) - 1n;

/** The id before every entry: "nothing seen yet". */
export const ORIGIN_ID = '0-0';

/** A parsed stream id, ordered by `ms` then `seq`. */
export interface StreamId {
  readonly ms: bigint;
  readonly seq: bigint;
}

/** Parses `text` as a stream id; `null` when it is not one (never throws on foreign input). */
export function parseStreamId(text: unknown): StreamId | null {
  if (typeof text !== 'string') return null;
  const match = ID_PATTERN.exec(text);
  if (!match) return null;
  const ms = BigInt(match[1]);
  const seq = BigInt(match[2]);
  if (ms > MAX_PART || seq > MAX_PART) return null;
  return { ms, seq };
}

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

/** The canonical text of an id (no leading zeros), as Redis prints it. */
export function formatStreamId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

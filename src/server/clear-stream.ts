/**
 * The seam between the SSE feed and where clears are stored: an append-only stream with ids in
 * Redis' `<ms>-<seq>` form. Two implementations share one contract test suite: the embedded
 * in-process stream (`createMemoryStream`) and Redis Streams (`createRedisStream`).
 */

/** One raw entry as stored: its id and its fields, not yet validated. */
export interface RawEntry {
  readonly id: string;
  readonly fields: ReadonlyMap<string, string>;
}

/** Why a cursor cannot be resumed from: the client must treat every cache as cleared. */
export type GapReason =
  /** Entries after the cursor were trimmed away (MAXLEN). */
  | 'trimmed'
  /** The stream was deleted or recreated (a Redis restart without persistence, a new process). */
  | 'recreated'
  /** The cursor was not a stream id at all. */
  | 'malformed';

/** What `readAfter()` found. */
export type Backlog =
  /** Every entry after the cursor, oldest first; none is missing. */
  | { readonly complete: true; readonly entries: readonly RawEntry[] }
  /** Something after the cursor may be lost; `head` is where to continue from. */
  | { readonly complete: false; readonly reason: GapReason; readonly head: string };

/** Where the stream delivers what it reads while it is followed. */
export interface StreamSink {
  /** New entries, oldest first, each after everything delivered before. */
  entries(entries: readonly RawEntry[]): void;
  /** Entries may have been lost (the stream was recreated under a live follower); continue after `head`. */
  gap(reason: GapReason, head: string): void;
  /** A transport failure; the stream keeps retrying. */
  error(error: unknown): void;
}

/** An append-only stream of clears. */
export interface ClearStream {
  /** Appends one entry; resolves to its id. */
  append(fields: Readonly<Record<string, string>>): Promise<string>;
  /**
   * Starts delivering new entries to `sink` (one follower per stream). Resolves to the head: the id
   * after which delivery continues, so that a client told this id misses nothing.
   */
  follow(sink: StreamSink): Promise<string>;
  /** Every entry after `cursor`, or why they cannot all be given. */
  readAfter(cursor: string): Promise<Backlog>;
  /**
   * Every entry appended in the last `age` ms by the stream's own clock (the one its ids come
   * from), or why they cannot all be given: some were trimmed, or the stream is younger than
   * `age` (it was recreated, or this is a new process's embedded stream) and what came before is gone.
   * For a client without a cursor that may hold data fetched up to `age` ms ago.
   */
  readRecent(age: number): Promise<Backlog>;
  /** Stops following and releases what the stream opened (never the app's own Redis client). */
  close(): Promise<void>;
}

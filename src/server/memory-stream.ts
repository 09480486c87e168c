import type { Backlog, ClearStream, RawEntry, StreamSink } from './clear-stream.js';
import { ORIGIN_ID, compareStreamIds, formatStreamId, parseStreamId, type StreamId } from '../core/stream-id.js';

/** Options of {@link createMemoryStream}. */
export interface MemoryStreamOptions {
  /**
   * Entries kept for clients that resume; older ones are dropped and a client whose cursor is older
   * gets a `reset`. Mirrors Redis' `MAXLEN`.
   * @default 10_000
   */
  maxLength?: number;
  /**
   * The clock that makes ids (ms since the epoch). Ids never go backwards even if it does.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * The embedded stream: clears kept in this process, with Redis-style `<ms>-<seq>` ids, so one
 * server process (and the demo) needs no Redis. A restarted process starts a new stream: clients
 * that resume with an id of the old one get a `reset`.
 *
 * @example
 * const feed = createClearFeed({ stream: createMemoryStream({ maxLength: 1_000 }) });
 */
export function createMemoryStream(options: MemoryStreamOptions = {}): ClearStream {
  const maxLength = options.maxLength ?? 10_000;
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`local-sync-cache/server createMemoryStream(): maxLength must be a positive integer, got ${String(maxLength)}; e.g. { maxLength: 10_000 }`);
  }
  const now = options.now ?? Date.now;
  // Entries and their parsed ids, oldest first; `dropped` of them were trimmed from the front.
  const entries: Array<RawEntry & { parsed: StreamId }> = [];
  let last: StreamId = { ms: 0n, seq: 0n };
  let added = 0;
  /** The newest id trimmed away, if any: a recent read reaching back to it is incomplete. */
  let newestDropped: StreamId | null = null;
  // Clears published before this process started are not here: a recent read reaching further back is incomplete.
  const born = now();
  let sink: StreamSink | null = null;

  function nextId(): StreamId {
    const ms = BigInt(Math.max(0, Math.floor(now())));
    // A clock that stepped back reuses the last millisecond, as Redis does.
    last = ms > last.ms ? { ms, seq: 0n } : { ms: last.ms, seq: last.seq + 1n };
    return last;
  }

  return {
    async append(fields) {
      const parsed = nextId();
      const entry = { id: formatStreamId(parsed), fields: new Map(Object.entries(fields)), parsed };
      entries.push(entry);
      added += 1;
      if (entries.length > maxLength) newestDropped = entries.splice(0, entries.length - maxLength).at(-1)!.parsed;
      sink?.entries([entry]);
      return entry.id;
    },

    async follow(newSink) {
      sink = newSink;
      return formatStreamId(last);
    },

    async readAfter(cursor) {
      const head = formatStreamId(last);
      const parsed = parseStreamId(cursor);
      if (!parsed) return { complete: false, reason: 'malformed', head };
      if (cursor === ORIGIN_ID || (parsed.ms === 0n && parsed.seq === 0n)) {
        return added === entries.length ? complete(entries) : { complete: false, reason: 'trimmed', head };
      }
      const index = findIndex(entries, parsed);
      if (index >= 0) return complete(entries.slice(index + 1));
      // The cursor's own entry is not here: what followed it may be gone too. An id this stream
      // never held (newer than its head, or between its entries) belongs to another stream.
      const first = entries[0];
      // Older than the first entry: trimmed, unless nothing was ever dropped (then it is another stream's id).
      const reason = (first === undefined || compareStreamIds(parsed, first.parsed) < 0) && added > entries.length ? 'trimmed' : 'recreated';
      return { complete: false, reason, head };
    },

    async readRecent(age) {
      const head = formatStreamId(last);
      const since = Math.floor(now() - age);
      if (since < born) return { complete: false, reason: 'recreated', head };
      if (newestDropped && newestDropped.ms >= BigInt(since)) return { complete: false, reason: 'trimmed', head };
      return complete(entries.filter((entry) => entry.parsed.ms >= BigInt(since)));
    },

    async close() {
      sink = null;
    },
  };
}

function complete(entries: readonly RawEntry[]): Backlog {
  return { complete: true, entries: entries.map(({ id, fields }) => ({ id, fields })) };
}

/** Binary search by id; -1 when absent. */
function findIndex(entries: ReadonlyArray<{ parsed: StreamId }>, id: StreamId): number {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = compareStreamIds(entries[middle].parsed, id);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

import type { Backlog, ClearStream, GapReason, RawEntry, StreamSink } from './clear-stream.js';
import { assertRedisClient, type RedisClientLike } from './redis-client.js';
import { integer, text, toEntries, toEntry, toPairs, xreadEntries } from './redis-reply.js';
import { ORIGIN_ID, compareStreamIds, parseStreamId } from '../core/stream-id.js';

/** Options of {@link createRedisStream}. */
export interface RedisStreamOptions {
  /** The app's own node-redis client, connected. It is used for XADD and reads; it is never closed here. */
  client: RedisClientLike;
  /**
   * The stream key, shared by every server process (and any other backend that publishes).
   * @default 'local-sync-cache:clears'
   */
  key?: string;
  /**
   * Approximate number of entries kept (`XADD ... MAXLEN ~ maxLength`): how far back a client can
   * resume. An older cursor gets a `reset`.
   * @default 10_000
   */
  maxLength?: number;
  /**
   * How long one `XREAD BLOCK` waits, in ms. When it times out the stream checks whether it was
   * recreated, so this also bounds how late a `FLUSHALL` on an idle stream is noticed.
   * @default 5_000
   */
  block?: number;
  /**
   * Entries read per XREAD and per XRANGE page.
   * @default 500
   */
  batch?: number;
  /**
   * Wait after a failed read before the next one, in ms (node-redis reconnects meanwhile).
   * @default 500
   */
  retryDelay?: number;
}

/** The facts of XINFO STREAM this stream needs; `null` when the key does not exist. */
interface StreamInfo {
  lastGenerated: string;
  entriesAdded: number | null;
  length: number;
  firstEntry: string | null;
  /** The newest id trimmed or deleted ("0-0" for none); `null` before Redis 7, which does not say. */
  maxDeleted: string | null;
}

/**
 * Clears kept in a Redis stream, shared by every server process. Each process that follows it runs
 * one `XREAD BLOCK` loop on a `duplicate()` of your client (a blocking read would stall every other
 * command on a shared connection). Publishing is `XADD key MAXLEN ~ maxLength * field value ...`.
 *
 * @example
 * import { createClient } from 'redis';
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const feed = createClearFeed({ stream: createRedisStream({ client }) });
 */
export function createRedisStream(options: RedisStreamOptions): ClearStream {
  const where = 'local-sync-cache/server createRedisStream()';
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: expected { client }, e.g. createRedisStream({ client })`);
  assertRedisClient(options.client);
  const client = options.client;
  const key = options.key ?? 'local-sync-cache:clears';
  const maxLength = options.maxLength ?? 10_000;
  const block = options.block ?? 5_000;
  const batch = options.batch ?? 500;
  const retryDelay = options.retryDelay ?? 500;
  if (typeof key !== 'string' || key.length === 0) throw new TypeError(`${where}: key must be a non-empty string, got ${String(key)}`);
  for (const [name, value] of Object.entries({ maxLength, block, batch, retryDelay })) {
    if (!Number.isSafeInteger(value) || value < (name === 'retryDelay' ? 0 : 1)) {
      throw new RangeError(`${where}: ${name} must be a positive integer (ms or entries), got ${String(value)}`);
    }
  }

  let reader: RedisClientLike | null = null;
  let following = false;
  let closed = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  /** When (this process' clock) the read loop last found the stream recreated under it. */
  let recreatedAt: number | null = null;
  // What the read loop has seen: the last id it read, and how many entries it knows were added
  // (XINFO's count at start plus every entry read since). Fewer on the server, or an older last id,
  // means the stream was deleted and made again.
  let head: string = ORIGIN_ID;
  let known = 0;
  /** Whether `now` (an XINFO reply) shows a stream made again since the read loop saw `seen`. */
  const remade = (now: StreamInfo | null, seen = { head, known }): boolean =>
    now === null
      ? seen.head !== ORIGIN_ID
      : compareStreamIds(parseStreamId(now.lastGenerated)!, parseStreamId(seen.head)!) < 0 || (now.entriesAdded !== null && now.entriesAdded < seen.known);

  async function info(connection: RedisClientLike): Promise<StreamInfo | null> {
    let reply: unknown;
    try {
      reply = await connection.sendCommand(['XINFO', 'STREAM', key]);
    } catch (error) {
      // A missing key is an error reply, not an empty stream.
      if (/no such key/i.test(String((error as Error)?.message ?? error))) return null;
      throw error;
    }
    const pairs = toPairs(reply);
    const lastGenerated = text(pairs?.get('last-generated-id'));
    if (!pairs || lastGenerated === null || !parseStreamId(lastGenerated)) throw new Error(`${where}: unexpected XINFO STREAM reply for "${key}"`);
    const first = toEntry(pairs.get('first-entry'));
    return {
      lastGenerated,
      // Redis < 7 has no entries-added; without it trimming of a "0-0" cursor is assumed.
      entriesAdded: integer(pairs.get('entries-added')),
      length: integer(pairs.get('length')) ?? 0,
      firstEntry: first?.id ?? null,
      maxDeleted: text(pairs.get('max-deleted-entry-id')),
    };
  }

  /**
   * A reply, or `null` when Redis refuses the command (an ACL, a managed Redis or a proxy that
   * does not offer it); other failures (a dropped connection) are thrown, so the client retries.
   */
  async function refusable(reply: Promise<unknown>): Promise<unknown> {
    try {
      return await reply;
    } catch (error) {
      if (/NOPERM|unknown command|not allowed|disabled/i.test(String((error as Error)?.message ?? error))) return null;
      throw error;
    }
  }

  /** Every entry from `start` (inclusive) to the end, page by page. */
  async function rangeFrom(start: string): Promise<RawEntry[]> {
    const entries: RawEntry[] = [];
    for (;;) {
      const page = toEntries(await client.sendCommand(['XRANGE', key, start, '+', 'COUNT', String(batch)])).entries;
      entries.push(...page);
      if (page.length < batch) return entries;
      start = `(${page[page.length - 1].id}`;
    }
  }

  async function sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function run(sink: StreamSink, start: StreamInfo | null): Promise<void> {
    head = start?.lastGenerated ?? ORIGIN_ID;
    known = start?.entriesAdded ?? 0;
    let lastCheck = Date.now();
    let failed = false;

    const check = async (connection: RedisClientLike) => {
      lastCheck = Date.now();
      const now = await info(connection);
      if (remade(now)) {
        recreatedAt = Date.now();
        head = now?.lastGenerated ?? ORIGIN_ID;
        known = now?.entriesAdded ?? 0;
        sink.gap('recreated', head);
      }
    };

    while (following) {
      const connection = reader!;
      try {
        if (failed || Date.now() - lastCheck >= block) await check(connection);
        failed = false;
        const reply = await connection.sendCommand(['XREAD', 'COUNT', String(batch), 'BLOCK', String(block), 'STREAMS', key, head]);
        if (!following) break;
        const { entries, malformed } = toEntries(xreadEntries(reply, key));
        const fresh = entries.filter((entry) => {
          const id = parseStreamId(entry.id);
          return id !== null && compareStreamIds(id, parseStreamId(head)!) > 0;
        });
        known += entries.length + malformed;
        if (entries.length > 0) head = entries[entries.length - 1].id;
        if (malformed > 0) sink.error(new Error(`${where}: ${malformed} unreadable entries in "${key}" skipped`));
        if (fresh.length > 0) sink.entries(fresh);
      } catch (error) {
        if (!following) break;
        failed = true;
        sink.error(error);
        await sleep(retryDelay);
      }
    }
  }

  return {
    async append(fields) {
      const args = ['XADD', key, 'MAXLEN', '~', String(maxLength), '*'];
      for (const [field, value] of Object.entries(fields)) args.push(field, value);
      const id = text(await client.sendCommand(args));
      if (id === null || !parseStreamId(id)) throw new Error(`${where}: XADD on "${key}" answered without an id`);
      return id;
    },

    async follow(sink) {
      if (closed) throw new Error(`${where}: the stream was closed; create a new one`);
      if (following) throw new Error(`${where}: the stream is already followed; one feed per stream`);
      following = true;
      reader = client.duplicate();
      reader.on('error', (error) => sink.error(error));
      try {
        await reader.connect();
        const start = await info(reader);
        loop = run(sink, start);
        return start?.lastGenerated ?? ORIGIN_ID;
      } catch (error) {
        following = false;
        stop(reader);
        reader = null;
        throw error;
      }
    },

    async readAfter(cursor) {
      const parsed = parseStreamId(cursor);
      if (!parsed) return { complete: false, reason: 'malformed', head: (await info(client))?.lastGenerated ?? ORIGIN_ID };
      const isOrigin = parsed.ms === 0n && parsed.seq === 0n;
      // XRANGE from the cursor itself: its own entry coming back proves nothing after it was trimmed.
      const entries: RawEntry[] = [];
      let sawCursor = false;
      for (const entry of await rangeFrom(cursor)) {
        if (entry.id === cursor || (parseStreamId(entry.id) && compareStreamIds(parseStreamId(entry.id)!, parsed) === 0)) sawCursor = true;
        else entries.push(entry);
      }
      if (sawCursor) return { complete: true, entries };
      const now = await info(client);
      if (now === null) return isOrigin ? { complete: true, entries: [] } : { complete: false, reason: 'recreated', head: ORIGIN_ID };
      const backlog: Backlog = { complete: true, entries };
      if (isOrigin) {
        // Nothing seen yet: complete only if nothing was ever trimmed.
        return now.entriesAdded !== null && now.entriesAdded === now.length ? backlog : { complete: false, reason: 'trimmed', head: now.lastGenerated };
      }
      if (compareStreamIds(parsed, parseStreamId(now.lastGenerated)!) > 0) return { complete: false, reason: 'recreated', head: now.lastGenerated };
      const first = now.firstEntry === null ? null : parseStreamId(now.firstEntry);
      // Older than the first entry: trimmed, unless this stream never lost an entry (then it is a new stream).
      const neverTrimmed = now.entriesAdded !== null && now.entriesAdded === now.length;
      const reason: GapReason = (first === null || compareStreamIds(parsed, first) < 0) && !neverTrimmed ? 'trimmed' : 'recreated';
      return { complete: false, reason, head: now.lastGenerated };
    },

    async readRecent(age) {
      // Redis' own clock, which made the ids: a server whose clock drifts still asks for the right window.
      const time = await refusable(client.sendCommand(['TIME']));
      const seconds = Array.isArray(time) ? integer(text(time[0])) : null;
      const micros = Array.isArray(time) ? integer(text(time[1])) : null;
      const since = seconds === null || micros === null ? null : Math.max(0, seconds * 1000 + Math.floor(micros / 1000) - age);
      const entries = since === null ? [] : await rangeFrom(`${since}-0`);
      // What the read loop has seen, taken before XINFO is sent, so that Redis ran all of it first.
      const seen = { head, known };
      // After the range: a trim or a deletion that came before it (an XADD's MAXLEN ~ drops whole
      // nodes) shows here, so a window with holes is never vouched for. Redis' uptime comes last, so a
      // restart at any moment of the window shows too.
      const now = await info(client);
      const uptime = /^uptime_in_seconds:(\d+)/m.exec(text(await refusable(client.sendCommand(['INFO', 'server']))) ?? '');
      const streamHead = now?.lastGenerated ?? ORIGIN_ID;
      // Redis restarted within the window (without persistence the stream is gone), or the stream was
      // deleted and made again within it: seen by the read loop then, or now, before the loop noticed.
      // Unseen: a deletion before this process followed the stream (an operator's FLUSHALL in the
      // seconds before a server starts), and a stream deleted and rebuilt with as many entries as the
      // loop had read, within `block` ms, before the loop's next look.
      if (since === null || !uptime || Number(uptime[1]) * 1000 < age || (recreatedAt !== null && Date.now() - age <= recreatedAt) || remade(now, seen)) {
        return { complete: false, reason: 'recreated', head: streamHead };
      }
      if (now !== null) {
        const deleted = now.maxDeleted === null ? null : parseStreamId(now.maxDeleted);
        const first = now.firstEntry === null ? null : parseStreamId(now.firstEntry);
        // XDEL records the newest id it deleted; MAXLEN trims only the oldest entries and records nothing
        // (Redis 7.0), so once anything was trimmed (or, before Redis 7, when nothing says) only a first
        // entry older than the window proves that none of the window was.
        const removed = now.entriesAdded === null || now.entriesAdded > now.length;
        if ((deleted && deleted.ms >= BigInt(since)) || (removed && !(first && first.ms < BigInt(since)))) return { complete: false, reason: 'trimmed', head: streamHead };
      }
      return { complete: true, entries };
    },

    async close() {
      closed = true;
      following = false;
      wake?.();
      if (reader) stop(reader);
      reader = null;
      await loop?.catch(() => undefined);
      loop = null;
    },
  };
}

/** Closes a reader at once: a blocking XREAD must not hold shutdown for `block` ms. */
function stop(connection: RedisClientLike): void {
  try {
    if (typeof connection.destroy === 'function') connection.destroy();
    else void connection.disconnect?.().catch(() => undefined);
  } catch {
    // Already closed.
  }
}

import { describeValue } from '../errors.js';
import { toScopes, type Authorization } from './authorization.js';
import { clearEventData, decodeClear, encodeClear, type ClearEntry, type ClearTarget, type MalformedReason } from './clear-entry.js';
import type { ClearStream, GapReason, RawEntry, StreamSink } from './clear-stream.js';
import { isRequest, isResponse, unwrapFastify, type RequestLike, type ResponseLike } from './http-types.js';
import { createMemoryStream } from './memory-stream.js';
import { readCursor } from './request-cursor.js';
import { clearFrame, heartbeatFrame, readyFrame, resetFrame, retryFrame } from './sse-frames.js';
import { ORIGIN_ID, compareStreamIds, formatStreamId, parseStreamId, type StreamId } from '../core/stream-id.js';

/** Options of {@link createClearFeed}. */
export interface ClearFeedOptions {
  /**
   * Where clears are kept: the embedded in-process stream, or `createRedisStream({ client })` when
   * several server processes must share them.
   * @default createMemoryStream()
   */
  stream?: ClearStream;
  /**
   * Which clears the client of `req` may read; see {@link Authorization}. Receives the request as
   * your framework passes it (Express' `req` with `req.user`, Fastify's `request`). A hook that
   * throws or returns something else answers 500 and reaches `onError`.
   * @default () => true (every client, unscoped clears only)
   * @example
   * authorize: (req) => req.user ? ['app:shop', `user:${req.user.id}`] : false
   */
  authorize?: (req: any) => Authorization | Promise<Authorization>;
  /**
   * Interval of heartbeats, in ms, so proxies keep the connection open and clients can tell a
   * dead one. `0` sends none.
   * @default 15_000
   */
  heartbeat?: number;
  /**
   * Send heartbeats as `event: heartbeat`, which an EventSource can see, instead of `:` comments,
   * which it cannot. On by default: `connectRemote()` reopens a connection that delivered nothing
   * for `staleAfter` (45 s) when the page becomes visible or the network returns, so with comments
   * every quiet but healthy connection would be reopened; a proxy keeps either open alike.
   * `false` sends comments, for clients of your own that would count an unknown event as a fault.
   * @default true
   */
  heartbeatEvent?: boolean;
  /**
   * Base reconnection delay sent as `retry:`, in ms; each connection adds a random jitter of up to
   * `retryJitter` so that clients dropped together do not all return in the same instant.
   * @default 2_000
   */
  retry?: number;
  /** @default 3_000 */
  retryJitter?: number;
  /**
   * Bytes a slow client may leave unsent before it is disconnected; it reconnects and resumes by
   * id, so it loses nothing, and the server does not buffer without bound.
   * @default 262_144
   */
  maxBuffered?: number;
  /**
   * Called with transport failures (Redis errors, a failing `authorize`).
   * @default logs with console.warn, at most once a minute
   */
  onError?: (error: unknown) => void;
  /** Clock for `time` fields and heartbeats. @default Date.now */
  now?: () => number;
  /** Source of jitter in [0, 1). @default Math.random */
  random?: () => number;
}

/** Counters of one feed, for dashboards and tests. */
export interface ClearFeedStatistics {
  /** Open SSE connections. */
  connections: number;
  /** Clears published through this feed. */
  published: number;
  /** Clear events written to clients (one per client per clear). */
  delivered: number;
  /** `reset` events written. */
  resets: number;
  /** Requests refused by `authorize`. */
  refused: number;
  /** Stream entries skipped as malformed, by reason. */
  malformedEntries: Record<MalformedReason | 'unreadable', number>;
  /** Requests whose `Last-Event-ID` / `lastEventID` was not a stream id (answered with `reset`). */
  malformedCursors: number;
  /** Clients disconnected because they did not read fast enough. */
  slowClients: number;
  /** Failures passed to `onError`. */
  errors: number;
}

/** A request handler for node:http, Express and Fastify routes. */
export type ClearFeedHandler = (req: any, res: any, next?: unknown) => Promise<void>;

/** The server side of the feed: publish clears, serve them as server-sent events. */
export interface ClearFeed {
  /**
   * Publishes a clear: every connected client of a matching scope receives it, and clients that
   * reconnect later replay it. Resolves to its stream id once stored.
   * @example
   * await feed.publish({ ids: ['page-urls'] });
   * await feed.publish({ ids: ['orders'], scope: `user:${userId}` });
   * await feed.publish({ namespace: 'shop' }); // every cache of that hub namespace
   */
  publish(target: ClearTarget & { scope?: string }): Promise<string>;
  /**
   * The SSE endpoint, `(req, res)`:
   * `http.createServer((req, res) => feed.handler(req, res))`, `app.get('/clears', feed.handler)`
   * (Express), `fastify.get('/clears', feed.handler)` (Fastify: the reply is hijacked).
   */
  readonly handler: ClearFeedHandler;
  statistics(): ClearFeedStatistics;
  /** Ends every connection and stops following the stream; the stream's own resources are closed too. */
  close(): Promise<void>;
}

/** One connected client. */
interface Connection {
  readonly response: ResponseLike;
  readonly scopes: ReadonlySet<string>;
  /** Newest id this client is known to have (sent, skipped by scope, or covered by a reset). */
  last: StreamId;
  /** Live events that arrived while the backlog was read; `null` once caught up. */
  pending: Array<Delivery> | null;
}

/** A decoded entry with its frame, built once and written to many clients. */
interface Delivery {
  readonly id: StreamId;
  readonly scope: string | undefined;
  readonly frame: string;
  /** For resets: assigned to `last` even when older (a recreated stream starts again). */
  readonly reset?: boolean;
}

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform: compression proxies and middleware must not hold events back to compress them.
  'Cache-Control': 'no-cache, no-transform',
  // nginx buffers proxied responses unless told not to.
  'X-Accel-Buffering': 'no',
};

/**
 * Creates the server side of the feed. Nothing starts until the first request or publish.
 *
 * @example
 * import http from 'node:http';
 * import { createClearFeed } from 'local-sync-cache/server';
 *
 * const feed = createClearFeed(); // embedded stream: one server process
 * http.createServer((req, res) => {
 *   if (req.url?.startsWith('/clears')) return void feed.handler(req, res);
 *   // ... your app; after a change: await feed.publish({ ids: ['page-urls'] });
 * }).listen(8080);
 */
export function createClearFeed(options: ClearFeedOptions = {}): ClearFeed {
  const where = 'local-sync-cache/server createClearFeed()';
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  const heartbeat = options.heartbeat ?? 15_000;
  const retry = options.retry ?? 2_000;
  const retryJitter = options.retryJitter ?? 3_000;
  const maxBuffered = options.maxBuffered ?? 262_144;
  for (const [name, value] of Object.entries({ heartbeat, retry, retryJitter, maxBuffered })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${where}: ${name} must be a non-negative integer, got ${describeValue(value)}`);
  }
  if (options.authorize !== undefined && typeof options.authorize !== 'function') {
    throw new TypeError(`${where}: authorize must be a function (req) => boolean | scopes, got ${describeValue(options.authorize)}`);
  }
  const stream = options.stream ?? createMemoryStream();
  if (!stream || typeof stream.follow !== 'function' || typeof stream.append !== 'function') {
    throw new TypeError(`${where}: stream must come from createMemoryStream() or createRedisStream(), got ${describeValue(stream)}`);
  }
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const authorize = options.authorize ?? (() => true);
  let lastWarning = -Infinity;
  const onError =
    options.onError ??
    ((error: unknown) => {
      if (now() - lastWarning < 60_000) return;
      lastWarning = now();
      console.warn('local-sync-cache/server:', error);
    });

  const statistics: ClearFeedStatistics = {
    connections: 0,
    published: 0,
    delivered: 0,
    resets: 0,
    refused: 0,
    malformedEntries: { version: 0, ids: 0, namespace: 0, scope: 0, target: 0, time: 0, unreadable: 0 },
    malformedCursors: 0,
    slowClients: 0,
    errors: 0,
  };
  const connections = new Set<Connection>();
  let head: StreamId = { ms: 0n, seq: 0n };
  let started: Promise<void> | null = null;
  let closed = false;
  let heartbeatTimer: ReturnType<typeof setInterval> | null = null;

  const report = (error: unknown) => {
    statistics.errors += 1;
    try {
      onError(error);
    } catch {
      // A failing error handler must not stop the feed.
    }
  };

  /** Decodes a raw entry; malformed ones are counted and skipped. */
  function toDelivery(raw: RawEntry): Delivery | null {
    const id = parseStreamId(raw.id);
    const entry = id ? decodeClear(raw.id, raw.fields) : 'unreadable';
    if (typeof entry === 'string' || !id) {
      statistics.malformedEntries[entry as MalformedReason | 'unreadable'] += 1;
      return null;
    }
    return { id, scope: (entry as ClearEntry).scope, frame: clearFrame(raw.id, clearEventData(entry as ClearEntry)) };
  }

  function write(connection: Connection, text: string): void {
    const { response } = connection;
    // A client that left while its backlog was read is no longer in the set: its socket is gone.
    if (!connections.has(connection) || response.writableEnded || response.destroyed) return;
    response.write(text);
    response.flush?.();
    // A client that stopped reading would make the server buffer every event for it.
    if ((response.writableLength ?? 0) > maxBuffered) {
      statistics.slowClients += 1;
      drop(connection);
    }
  }

  function deliver(connection: Connection, delivery: Delivery): void {
    if (!connections.has(connection)) return;
    if (connection.pending) {
      connection.pending.push(delivery);
      return;
    }
    if (delivery.reset) {
      connection.last = delivery.id;
      statistics.resets += 1;
      write(connection, delivery.frame);
      return;
    }
    // Duplicates (a backlog entry the live loop delivers again, a replay) go by id.
    if (compareStreamIds(delivery.id, connection.last) <= 0) return;
    connection.last = delivery.id;
    if (delivery.scope !== undefined && !connection.scopes.has(delivery.scope)) return;
    statistics.delivered += 1;
    write(connection, delivery.frame);
  }

  const sink: StreamSink = {
    entries(entries) {
      for (const raw of entries) {
        const delivery = toDelivery(raw);
        const id = parseStreamId(raw.id);
        if (id && compareStreamIds(id, head) > 0) head = id;
        if (!delivery) continue;
        for (const connection of connections) deliver(connection, delivery);
      }
    },
    gap(reason, newHead) {
      head = parseStreamId(newHead) ?? head;
      const delivery: Delivery = { id: head, scope: undefined, frame: resetFrame(newHead, reason), reset: true };
      for (const connection of connections) deliver(connection, delivery);
    },
    error: report,
  };

  function start(): Promise<void> {
    started ??= stream.follow(sink).then(
      (startHead) => {
        head = parseStreamId(startHead) ?? { ms: 0n, seq: 0n };
      },
      (error) => {
        started = null; // the next request tries again
        throw error;
      },
    );
    return started;
  }

  function drop(connection: Connection): void {
    if (!connections.delete(connection)) return;
    statistics.connections = connections.size;
    if (connections.size === 0 && heartbeatTimer !== null) {
      clearInterval(heartbeatTimer);
      heartbeatTimer = null;
    }
    const { response } = connection;
    if (!response.writableEnded) {
      if (typeof response.destroy === 'function') response.destroy();
      else response.end();
    }
  }

  function beat(): void {
    const frame = heartbeatFrame(options.heartbeatEvent ?? true, now());
    for (const connection of connections) if (!connection.pending) write(connection, frame);
  }

  function refuse(response: ResponseLike, status: number, message: string, headers: Record<string, string> = {}): void {
    if (response.headersSent) {
      response.end();
      return;
    }
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    response.end(`${message}\n`);
  }

  async function serve(req: unknown, request: RequestLike, response: ResponseLike): Promise<void> {
    // An age counts back from the request's arrival; authorizing and starting the stream take time too.
    const arrived = now();
    if (closed) return refuse(response, 503, 'local-sync-cache: the clear feed is closed');
    const method = (request as { method?: unknown }).method;
    if (method !== undefined && method !== 'GET') return refuse(response, 405, 'local-sync-cache: the clear feed answers GET only', { Allow: 'GET' });

    // The response's close, not the request's: since Node 16 a request may close once it is read.
    let gone = false;
    response.on('close', () => {
      gone = true;
    });

    let scopes: ReturnType<typeof toScopes>;
    try {
      scopes = toScopes(await authorize(req));
    } catch (error) {
      report(error);
      return refuse(response, 500, 'local-sync-cache: authorization failed');
    }
    if (scopes === 'invalid') {
      report(new TypeError(`${where}: authorize(req) must return true, false, an array of scope strings or { scopes }`));
      return refuse(response, 500, 'local-sync-cache: authorization failed');
    }
    if (scopes === null) {
      statistics.refused += 1;
      return refuse(response, 403, 'local-sync-cache: not allowed to read clears');
    }
    const cursor = readCursor(request);

    const jitter = Math.floor(random() * retryJitter);
    try {
      await start();
    } catch (error) {
      report(error);
      // 200 and an immediate end, not 503: an EventSource gives up for good on an error status,
      // but reconnects (after `retry`) when a 200 stream ends.
      if (!response.headersSent) response.writeHead(200, SSE_HEADERS);
      response.end(retryFrame(retry + jitter));
      return;
    }
    if (gone || closed) return;

    response.writeHead(200, request.httpVersionMajor === 1 ? { ...SSE_HEADERS, Connection: 'keep-alive' } : SSE_HEADERS);
    response.socket?.setNoDelay?.(true);
    response.socket?.setTimeout?.(0);
    response.flushHeaders?.();
    const connection: Connection = { response, scopes, last: head, pending: cursor.kind === 'none' ? null : [] };
    connections.add(connection);
    statistics.connections = connections.size;
    response.on('close', () => drop(connection));
    if (heartbeat > 0 && heartbeatTimer === null) {
      heartbeatTimer = setInterval(beat, heartbeat);
      (heartbeatTimer as unknown as { unref?: () => void }).unref?.();
    }
    response.write(retryFrame(retry + jitter));

    if (cursor.kind !== 'none') {
      let backlog;
      try {
        if (cursor.kind === 'malformed') {
          statistics.malformedCursors += 1;
          backlog = { complete: false as const, reason: 'malformed' as GapReason, head: formatStreamId(head) };
        } else {
          backlog = cursor.kind === 'id' ? await stream.readAfter(cursor.id) : await stream.readRecent(cursor.age + Math.max(0, now() - arrived));
        }
      } catch (error) {
        // The stream cannot be read now: end, and the client retries with the same cursor.
        report(error);
        drop(connection);
        return;
      }
      // The client left while its backlog was read: nothing more to do for it.
      if (!connections.has(connection)) return;
      const pending = connection.pending ?? [];
      connection.pending = null;
      if (backlog.complete) {
        const registeredAt = connection.last;
        connection.last = parseStreamId(cursor.kind === 'id' ? cursor.id : ORIGIN_ID)!;
        for (const raw of backlog.entries) {
          const delivery = toDelivery(raw);
          if (delivery) deliver(connection, delivery);
          else {
            const id = parseStreamId(raw.id);
            if (id && compareStreamIds(id, connection.last) > 0) connection.last = id;
          }
        }
        // A recent backlog starts at a time, not at an entry: when nothing in it is newer than the head
        // this client was registered at, that head (read before the backlog) is its cursor.
        if (cursor.kind === 'age' && compareStreamIds(registeredAt, connection.last) > 0) connection.last = registeredAt;
      } else {
        deliver(connection, { id: parseStreamId(backlog.head) ?? head, scope: undefined, frame: resetFrame(backlog.head, backlog.reason), reset: true });
      }
      for (const delivery of pending) deliver(connection, delivery);
    }
    write(connection, readyFrame(formatStreamId(connection.last)));
  }

  return {
    async publish(target) {
      if (closed) throw new Error('local-sync-cache/server publish(): the feed is closed; create a new one with createClearFeed()');
      const fields = encodeClear(target, now());
      const id = await stream.append(fields);
      statistics.published += 1;
      return id;
    },
    handler: (req, res) => {
      const { request, response } = unwrapFastify(req, res);
      if (!isRequest(request) || !isResponse(response)) {
        throw new TypeError(
          `local-sync-cache/server feed.handler: expected (req, res) from node:http, Express or Fastify, got (${describeValue(req)}, ${describeValue(res)}); e.g. app.get('/clears', feed.handler)`,
        );
      }
      // Never rejects: frameworks would turn a rejection into an error page on a stream already sent.
      return serve(req, request, response).catch(report);
    },
    statistics: () => ({ ...statistics, malformedEntries: { ...statistics.malformedEntries } }),
    async close() {
      if (closed) return;
      closed = true;
      for (const connection of [...connections]) {
        connections.delete(connection);
        connection.response.end();
      }
      statistics.connections = 0;
      if (heartbeatTimer !== null) clearInterval(heartbeatTimer);
      heartbeatTimer = null;
      await stream.close();
    },
  };
}

// Shared by the server tests: an HTTP server around a feed, SSE clients (the npm eventsource
// client, and a raw one that also shows headers, comments and retry lines), and waiting helpers.
import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http';
import { EventSource } from 'eventsource';
import { createClient } from 'redis';
import { inject } from 'vitest';
import { createClearFeed, createMemoryStream, createRedisStream, type ClearFeed, type ClearFeedOptions, type ClearStream } from '../../src/server/index.js';

/** Polls `check` until it returns true; fails after `timeout` ms with `what` (a failure guard, not a timing claim). */
export async function waitFor(what: string, check: () => boolean, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface SseEvent {
  type: string;
  data: string;
  lastEventId: string;
}

const FEED_EVENTS = ['clear', 'reset', 'ready', 'heartbeat'];

/** An eventsource 4.x client that records every feed event. */
export function openEventSource(url: string, init?: { headers?: Record<string, string> }) {
  const events: SseEvent[] = [];
  const errors: unknown[] = [];
  const source = new EventSource(
    url,
    init?.headers ? { fetch: (input, options) => fetch(input, { ...options, headers: { ...(options?.headers as Record<string, string>), ...init.headers } }) } : undefined,
  );
  for (const type of FEED_EVENTS) {
    source.addEventListener(type, (event) => events.push({ type, data: event.data, lastEventId: event.lastEventId }));
  }
  source.addEventListener('error', (event) => errors.push(event));
  const of = (type: string) => events.filter((event) => event.type === type);
  return {
    source,
    events,
    errors,
    of,
    clears: () => of('clear').map((event) => ({ id: event.lastEventId, ...(JSON.parse(event.data) as { ids?: string[]; namespace?: string }) })),
    close: () => source.close(),
  };
}

/** A raw SSE reader: status, headers, every line (comments and retry lines included). */
export function openRaw(url: string, headers: Record<string, string> = {}) {
  let body = '';
  let response: IncomingMessage | null = null;
  const request = httpRequest(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
    response = res;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk));
    res.on('error', () => undefined);
  });
  request.on('error', () => undefined);
  request.end();
  return {
    get response() {
      return response;
    },
    get body() {
      return body;
    },
    /** Parsed events (blocks with an `event:` or `data:` line). */
    events(): SseEvent[] {
      return body
        .split('\n\n')
        .slice(0, -1)
        .map((block) => {
          const event: SseEvent = { type: 'message', data: '', lastEventId: '' };
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event.type = line.slice(7);
            else if (line.startsWith('data: ')) event.data = line.slice(6);
            else if (line.startsWith('id: ')) event.lastEventId = line.slice(4);
          }
          return event;
        })
        .filter((event) => event.data !== '');
    },
    close: () => request.destroy(),
  };
}

/** Listens on a free loopback port; `close()` also ends open SSE connections. */
export async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type StreamKind = 'embedded' | 'redis';

let keyCounter = 0;
/** A stream key no other test uses. */
export const uniqueKey = () => `lsc-test:${process.pid}:${Date.now()}:${keyCounter++}`;

/** A node-redis client that keeps reconnecting quickly (Redis restarts are tested). */
const quickClient = (url: string) => createClient({ url, socket: { reconnectStrategy: () => 50 } });

export type RedisClient = ReturnType<typeof quickClient>;

/** A connected node-redis client on the suite's Redis (or `url`), with errors swallowed (restarts are tested). */
export async function connectRedis(url = inject('redisUrl')): Promise<RedisClient> {
  const client = quickClient(url);
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Waits until the Redis of `client` has run `seconds`: before that it cannot vouch for a window that long (a restart loses the stream). */
export async function redisUp(client: RedisClient, seconds: number): Promise<void> {
  const uptime = async () => Number(/uptime_in_seconds:(\d+)/.exec(await client.info('server'))![1]);
  while ((await uptime()) < seconds) await new Promise((resolve) => setTimeout(resolve, 200));
}

export interface Fixture {
  kind: StreamKind;
  feed: ClearFeed;
  stream: ClearStream;
  url: string;
  /** Every request's Last-Event-ID header, in order ('' when absent). */
  lastEventIds: string[];
  /** Ends every open connection at the server (clients reconnect). */
  dropConnections(): void;
  /** Redis only: the client and the key. */
  redis?: { client: RedisClient; key: string };
  errors: unknown[];
  close(): Promise<void>;
}

/** A feed on a fresh stream of `kind`, behind node:http on a free port. */
export async function startFeed(
  kind: StreamKind,
  options: ClearFeedOptions & { maxLength?: number; wrapStream?: (stream: ClearStream) => ClearStream; /** The embedded stream's clock (Redis keeps its own). */ streamClock?: () => number } = {},
): Promise<Fixture> {
  const { maxLength, wrapStream, streamClock, ...feedOptions } = options;
  let redis: Fixture['redis'];
  let stream: ClearStream;
  if (kind === 'redis') {
    const client = await connectRedis();
    const key = uniqueKey();
    redis = { client, key };
    stream = createRedisStream({ client, key, maxLength, block: 500 });
  } else {
    stream = createMemoryStream({ maxLength, now: streamClock });
  }
  const outer = wrapStream ? wrapStream(stream) : stream;
  const errors: unknown[] = [];
  const feed = createClearFeed({ stream: outer, retry: 100, retryJitter: 50, heartbeat: 0, onError: (error) => errors.push(error), ...feedOptions });
  const lastEventIds: string[] = [];
  const server = createServer((req, res) => {
    lastEventIds.push(String(req.headers['last-event-id'] ?? ''));
    void feed.handler(req, res);
  });
  const listening = await listen(server);
  return {
    kind,
    feed,
    stream: outer,
    url: `${listening.url}/clears`,
    lastEventIds,
    dropConnections: () => server.closeAllConnections(),
    redis,
    errors,
    close: async () => {
      await feed.close();
      await listening.close();
      if (redis) {
        await redis.client.del(redis.key).catch(() => undefined);
        redis.client.destroy();
      }
    },
  };
}

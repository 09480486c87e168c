// What only Redis can show: trimming by XADD MAXLEN ~, a foreign publisher writing the documented
// fields, a Redis restart under live clients, and several server processes sharing one stream.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createClearFeed, createRedisStream, type ClearFeed } from '../../src/server/index.js';
import { startRedis } from '../../scripts/redis-server.mjs';
import { connectRedis, listen, openEventSource, redisUp, startFeed, uniqueKey, waitFor, type RedisClient } from './helpers.js';
import { createServer } from 'node:http';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function client(url: string) {
  const opened = openEventSource(url);
  cleanups.push(() => opened.close());
  return opened;
}

/** A feed on a fresh key of `redis`, behind node:http: its feed and SSE URL (closed after the test). */
async function serveFeed(redis: RedisClient): Promise<{ feed: ClearFeed; url: string }> {
  const feed = createClearFeed({ stream: createRedisStream({ client: redis, key: uniqueKey(), block: 200 }), heartbeat: 0 });
  cleanups.push(() => feed.close());
  const server = await listen(createServer((req, res) => void feed.handler(req, res)));
  cleanups.push(() => server.close());
  return { feed, url: `${server.url}/clears` };
}

describe('Redis stream', () => {
  it('trims with XADD MAXLEN ~ and tells a client whose cursor was trimmed to reset', async () => {
    const fixture = await startFeed('redis', { maxLength: 4 });
    cleanups.push(() => fixture.close());
    const { client: redis, key } = fixture.redis!;
    // Approximate trimming drops whole radix-tree nodes; small nodes make it visible with few entries.
    const previous = (await redis.configGet('stream-node-max-entries'))['stream-node-max-entries'];
    await redis.configSet('stream-node-max-entries', '2');
    cleanups.push(() => redis.configSet('stream-node-max-entries', previous));
    const first = await fixture.feed.publish({ ids: ['first'] });
    for (let index = 0; index < 20; index += 1) await fixture.feed.publish({ ids: [`c${index}`] });
    const info = await redis.xInfoStream(key);
    expect(info.length).toBeLessThan(21);
    expect(info['entries-added']).toBe(21);
    const es = client(`${fixture.url}?lastEventID=${first}`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'trimmed' }]);
  });

  it('delivers what another backend writes with plain XADD (the documented fields), and skips what it gets wrong', async () => {
    const fixture = await startFeed('redis');
    cleanups.push(() => fixture.close());
    const { client: redis, key } = fixture.redis!;
    const es = client(fixture.url);
    await waitFor('ready', () => es.of('ready').length === 1);
    // What the README's redis-py example sends.
    const id = await redis.xAdd(key, '*', { v: '1', ids: JSON.stringify(['page-urls']) }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 10_000 } });
    await redis.sendCommand(['XADD', key, '*', 'v', '1']); // no target: skipped
    const namespaceId = await redis.sendCommand(['XADD', key, '*', 'v', '1', 'namespace', 'shop']);
    await waitFor('two clears', () => es.clears().length === 2);
    expect(es.clears()).toEqual([
      { id, ids: ['page-urls'] },
      { id: namespaceId, namespace: 'shop' },
    ]);
    expect(fixture.feed.statistics().malformedEntries.target).toBe(1);
  });

  it('survives a Redis restart mid-stream: live clients get reset, later clears still arrive, old cursors reset', async () => {
    const redisProcess = await startRedis();
    let stopped = false;
    cleanups.push(() => (stopped ? undefined : redisProcess.stop()));
    const redis = await connectRedis(redisProcess.url);
    cleanups.push(() => redis.destroy());
    const key = uniqueKey();
    const errors: unknown[] = [];
    const feed = createClearFeed({ stream: createRedisStream({ client: redis, key, block: 200, retryDelay: 50 }), heartbeat: 0, retry: 100, retryJitter: 50, onError: (error) => errors.push(error) });
    cleanups.push(() => feed.close());
    const server = await listen(createServer((req, res) => void feed.handler(req, res)));
    cleanups.push(() => server.close());
    const url = `${server.url}/clears`;
    const es = client(url);
    await waitFor('ready', () => es.of('ready').length === 1);
    const before = await feed.publish({ ids: ['before'] });
    await waitFor('first clear', () => es.clears().length === 1);

    await redisProcess.stop();
    stopped = true;
    const restarted = await startRedis(redisProcess.port);
    stopped = false;
    cleanups.push(() => restarted.stop());
    await waitFor('reset after the restart', () => es.of('reset').length === 1);
    expect(JSON.parse(es.of('reset')[0].data)).toEqual({ reason: 'recreated' });
    expect(errors.length).toBeGreaterThan(0);

    const after = await feed.publish({ ids: ['after'] });
    await waitFor('clear after the restart', () => es.clears().length === 2);
    expect(es.clears().map((clear) => clear.id)).toEqual([before, after]);
    const resumed = client(`${url}?lastEventID=${before}`);
    await waitFor('resumed ready', () => resumed.of('ready').length === 1);
    expect(resumed.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'recreated' }]);
  });

  it('notices a stream deleted and recreated under a live feed (FLUSHALL) and resets live clients', async () => {
    const fixture = await startFeed('redis');
    cleanups.push(() => fixture.close());
    const es = client(fixture.url);
    await waitFor('ready', () => es.of('ready').length === 1);
    await fixture.feed.publish({ ids: ['a'] });
    await waitFor('a', () => es.clears().length === 1);
    await fixture.redis!.client.del(fixture.redis!.key);
    await waitFor('reset', () => es.of('reset').length === 1);
    expect(JSON.parse(es.of('reset')[0].data)).toEqual({ reason: 'recreated' });
  });

  it('answers ?age= reaching back before Redis started with reset: a restart without persistence lost what came before', async () => {
    const redisProcess = await startRedis();
    cleanups.push(() => redisProcess.stop());
    const redis = await connectRedis(redisProcess.url);
    cleanups.push(() => redis.destroy());
    const { feed, url } = await serveFeed(redis);
    await feed.publish({ ids: ['a'] });
    // Seconds old at most; a page older than that may hold data whose clears went with the old Redis.
    const es = client(`${url}?age=30000`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'recreated' }]);
  });

  it('answers ?age= reaching back before the stream was deleted under a live feed with reset', async () => {
    const fixture = await startFeed('redis');
    cleanups.push(() => fixture.close());
    await redisUp(fixture.redis!.client, 7);
    const live = client(fixture.url);
    await waitFor('ready', () => live.of('ready').length === 1);
    await fixture.feed.publish({ ids: ['a'] });
    await fixture.redis!.client.del(fixture.redis!.key);
    await waitFor('the live reset', () => live.of('reset').length === 1);
    await fixture.feed.publish({ ids: ['b'] });
    // Nothing says so in the new stream (no trim, no restart): only the feed saw 'a' go.
    const es = client(`${fixture.url}?age=5000`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'recreated' }]);
  });

  it('answers ?age= with reset, not a connection that never gets through, where Redis refuses INFO (an ACL, a managed Redis or a proxy)', async () => {
    const admin = await connectRedis();
    cleanups.push(() => admin.destroy());
    const user = `lsc-limited-${process.pid}-${Date.now()}`;
    await admin.sendCommand(['ACL', 'SETUSER', user, 'on', 'nopass', '~*', '&*', '+@all', '-info']);
    cleanups.push(() => admin.sendCommand(['ACL', 'DELUSER', user]));
    const url = new URL(inject('redisUrl'));
    url.username = user;
    url.password = 'unused'; // a nopass user takes any; without one node-redis sends no AUTH at all
    const limited = await connectRedis(url.toString());
    cleanups.push(() => limited.destroy());
    await expect(limited.sendCommand(['INFO', 'server'])).rejects.toThrow(/NOPERM/);
    const { feed, url: feedUrl } = await serveFeed(limited);
    await feed.publish({ ids: ['a'] });
    const es = client(`${feedUrl}?age=1000`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'recreated' }]);
  });

  it('answers ?age= with reset when the stream was deleted and made again before the read loop looked', async () => {
    const redis = await connectRedis();
    cleanups.push(() => redis.destroy());
    await redisUp(redis, 6); // older than the window asked for: only the stream's own history can say no
    const key = uniqueKey();
    // A long block: the loop's own look at the stream (every `block` ms) does not come during the test.
    const feed = createClearFeed({ stream: createRedisStream({ client: redis, key, block: 60_000 }), heartbeat: 0 });
    cleanups.push(() => feed.close());
    const server = await listen(createServer((req, res) => void feed.handler(req, res)));
    cleanups.push(() => server.close());
    const live = client(`${server.url}/clears`);
    await waitFor('ready', () => live.of('ready').length === 1);
    await feed.publish({ ids: ['a'] });
    await waitFor('a', () => live.clears().length === 1);
    await redis.del(key);
    await feed.publish({ ids: ['b'] }); // a new stream, whose one entry the loop reads as the next
    await waitFor('b', () => live.clears().length === 2);
    expect(live.of('reset')).toEqual([]); // the loop has not noticed
    const es = client(`${server.url}/clears?age=5000`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'recreated' }]);
  });

  it('answers ?age= with reset when entries of the window are trimmed while it is read', async () => {
    const redis = await connectRedis();
    cleanups.push(() => redis.destroy());
    await redisUp(redis, 2);
    const key = uniqueKey();
    let trimBeforeRange = false;
    // The app's client, as the stream sees it, with a trim slipped in just before the window's XRANGE
    // (as another process' XADD ... MAXLEN ~ could): the read that follows must not vouch for it.
    const slipping = {
      sendCommand: async (args: readonly string[]) => {
        if (trimBeforeRange && args[0] === 'XRANGE') {
          trimBeforeRange = false;
          await redis.sendCommand(['XTRIM', key, 'MAXLEN', '0']);
        }
        return redis.sendCommand([...args]);
      },
      duplicate: () => redis.duplicate(),
      connect: () => redis.connect(),
      on: () => slipping,
    };
    const feed = createClearFeed({ stream: createRedisStream({ client: slipping, key, block: 200 }), heartbeat: 0 });
    cleanups.push(() => feed.close());
    const server = await listen(createServer((req, res) => void feed.handler(req, res)));
    cleanups.push(() => server.close());
    await feed.publish({ ids: ['a'] });
    trimBeforeRange = true;
    const es = client(`${server.url}/clears?age=1000`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'trimmed' }]);
  });

  it('shares one stream between two server processes: a clear published through either reaches clients of both', async () => {
    const key = uniqueKey();
    const children: ChildProcess[] = [];
    cleanups.push(async () => {
      for (const child of children) {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
      }
    });
    const start = async () => {
      const child = spawn(process.execPath, [inject('childServer'), inject('redisUrl'), key], { stdio: ['pipe', 'pipe', 'inherit'] });
      children.push(child);
      const lines = createInterface({ input: child.stdout! });
      const port = await new Promise<string>((resolve, reject) => {
        lines.on('line', (line) => line.startsWith('listening ') && resolve(line.slice('listening '.length)));
        child.once('exit', (code) => reject(new Error(`child server exited with ${code}`)));
      });
      return `http://127.0.0.1:${port}`;
    };
    const [one, two] = await Promise.all([start(), start()]);
    const onOne = client(`${one}/clears`);
    const onTwo = client(`${two}/clears`);
    await waitFor('both ready', () => onOne.of('ready').length === 1 && onTwo.of('ready').length === 1);
    const viaOne = await (await fetch(`${one}/publish?id=from-one`, { method: 'POST' })).text();
    const viaTwo = await (await fetch(`${two}/publish?id=from-two`, { method: 'POST' })).text();
    await waitFor('both clears on both', () => onOne.clears().length === 2 && onTwo.clears().length === 2);
    for (const es of [onOne, onTwo]) {
      expect(es.clears().map(({ id, ids }) => ({ id, ids }))).toEqual([
        { id: viaOne, ids: ['from-one'] },
        { id: viaTwo, ids: ['from-two'] },
      ]);
    }
    const redis = await connectRedis();
    cleanups.push(() => redis.destroy());
    await redis.del(key);
  });
});

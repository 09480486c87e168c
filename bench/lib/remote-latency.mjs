// Remote latency against a bare XADD -> XREAD BLOCK round trip on the same Redis, in the same process
// and run: publish() to a raw SSE client holding the event (the server half, `remote-server-latency`),
// and publish() to a Chromium tab's cache being empty through connectRemote() (`remote-latency`).
import { createServer } from 'node:http';
import { createClearFeed, createMemoryStream, createRedisStream } from 'local-sync-cache/server';
import { createClient } from 'redis';
import { startRedis } from '../../scripts/redis-server.mjs';
import { launchBrowser } from './browser.mjs';
import { bundleBenchScript } from './server.mjs';
import { openSseClients } from './sse-clients.mjs';
import { summarize } from './stats.mjs';

const pause = () => new Promise((resolve) => setTimeout(resolve, 2));

/** Milliseconds from a bare XADD to the blocked XREAD on another connection answering. */
async function bareRoundTrip(client, reader, key, samples) {
  let last = String(await client.sendCommand(['XADD', key, '*', 'v', '0']));
  const times = [];
  for (let index = 0; index < samples; index += 1) {
    // From the last id, not `$`: if the XADD overtakes the XREAD, the read answers at once.
    const read = reader.sendCommand(['XREAD', 'BLOCK', '0', 'STREAMS', key, last]);
    await pause();
    const start = performance.now();
    last = String(await client.sendCommand(['XADD', key, '*', 'v', '0']));
    await read;
    times.push(performance.now() - start);
  }
  return times;
}

/** Milliseconds from `feed.publish()` to one raw SSE client seeing the clear event. */
async function publishToClient(feed, samples) {
  const server = createServer((req, res) => void feed.handler(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const clients = await openSseClients(`http://127.0.0.1:${server.address().port}/clears`, 1);
  const times = [];
  try {
    for (let index = 0; index < samples; index += 1) {
      await pause();
      const received = new Promise((resolve) => clients.onClear((_, time) => resolve(time)));
      const start = performance.now();
      await feed.publish({ ids: ['bench'] });
      times.push((await received) - start);
    }
  } finally {
    clients.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return times;
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>remote latency</title><script type="module" src="/tab.js"></script>';
// Cross-origin isolated: the tab's clock then steps by 5 us instead of 100 us.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
const nodeNow = () => performance.timeOrigin + performance.now();

/**
 * How far the tab's clock (`timeOrigin + now()`) reads ahead of Node's: both come from the system
 * clock, but each process fixes its time origin once. The reading with the shortest round trip
 * wins; its error is at most half that round trip.
 */
async function clockOffset(page) {
  let best = { trip: Number.POSITIVE_INFINITY, offset: 0 };
  for (let index = 0; index < 30; index += 1) {
    const before = nodeNow();
    const tab = await page.evaluate(() => globalThis.benchRemote.now());
    const after = nodeNow();
    if (after - before < best.trip) best = { trip: after - before, offset: tab - (before + after) / 2 };
  }
  return best;
}

/**
 * The page and the feed on one origin (127.0.0.1, a secure context) and one tab connected to it.
 * @returns `measure(kind, count)` and `close()`.
 */
async function openTab(feed) {
  const script = await bundleBenchScript(new URL('./remote-latency-page.mjs', import.meta.url));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/clears') return void feed.handler(req, res);
    if (path === '/') return void res.writeHead(200, { ...ISOLATION, 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    if (path === '/tab.js') return void res.writeHead(200, { ...ISOLATION, 'Content-Type': 'text/javascript; charset=utf-8' }).end(script);
    res.writeHead(404, ISOLATION).end();
  });
  await new Promise((resolve) => server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', resolve));
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => console.error(`bench remote tab error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => globalThis.benchRemote !== undefined);
  const connected = async () => {
    const deadline = Date.now() + 10_000;
    while (!(await page.evaluate(() => globalThis.benchRemote.connected()))) {
      if (Date.now() > deadline) throw new Error('remote-latency: the tab did not connect to the feed within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  /** Clears published while the tab held a bare reader: connectRemote resumes with them. */
  let backlog = 0;
  /** The longest of the shortest clock round trips, in ms: half of it bounds each block's offset error. */
  let clockTrip = 0;
  return {
    /** `count` samples in ms from publish() to the tab's cache empty (`'remote'`), or to a bare EventSource (`'bare'`) or a fetch() body reader (`'fetch'`) having the event. */
    async measure(kind, count) {
      await page.evaluate((which) => globalThis.benchRemote.use(which), kind);
      await connected();
      let applied = backlog;
      if (kind === 'remote') backlog = 0;
      const { offset, trip } = await clockOffset(page);
      clockTrip = Math.max(clockTrip, trip);
      const times = [];
      for (let index = 0; index < count; index += 1) {
        // No marker write in flight: the previous clear is committed, cursor included.
        await page.evaluate((expected) => globalThis.benchRemote.applied(expected), applied);
        await page.evaluate(() => globalThis.benchRemote.arm());
        await pause();
        const start = nodeNow();
        await feed.publish({ ids: ['bench'] });
        const arrival = await page.evaluate(() => globalThis.benchRemote.arrived());
        times.push(arrival.at - offset - start);
        if (kind !== 'remote') {
          backlog += 1;
          continue;
        }
        applied += 1;
        // Guards the figure: emptied by the server clear, as a clear from another realm.
        if (arrival.cause !== 'nudge' || arrival.size !== 0) throw new Error(`remote-latency: sample ${applied} emptied with cause ${arrival.cause}, size ${arrival.size}`);
      }
      return times;
    },
    /** Half the longest clock round trip of any block: how far off a tab figure can be, either way. */
    get clockError() {
      return clockTrip / 2;
    },
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** @param settings `{ samples: number, blocks: number }`: samples are taken in alternating blocks. */
export async function measureServerLatency({ samples, blocks }) {
  const redis = await startRedis();
  const client = createClient({ url: redis.url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const reader = client.duplicate();
    reader.on('error', () => undefined);
    await reader.connect();
    const redisFeed = createClearFeed({ stream: createRedisStream({ client, key: 'bench:feed' }), heartbeat: 0 });
    const embeddedFeed = createClearFeed({ stream: createMemoryStream(), heartbeat: 0 });
    const tabFeed = createClearFeed({ stream: createRedisStream({ client, key: 'bench:tab' }), heartbeat: 0 });
    const tab = await openTab(tabFeed);
    const collected = { bare: [], redis: [], embedded: [], tab: [], tabEventSource: [], tabFetch: [] };
    const perBlock = Math.ceil(samples / blocks);
    // Alternating blocks, so a change in the machine's load hits every figure alike.
    for (let block = 0; block < blocks; block += 1) {
      collected.bare.push(...(await bareRoundTrip(client, reader, 'bench:bare', perBlock)));
      collected.redis.push(...(await publishToClient(redisFeed, perBlock)));
      collected.embedded.push(...(await publishToClient(embeddedFeed, perBlock)));
      collected.tab.push(...(await tab.measure('remote', perBlock)));
      collected.tabEventSource.push(...(await tab.measure('bare', perBlock)));
      collected.tabFetch.push(...(await tab.measure('fetch', perBlock)));
    }
    const clockError = tab.clockError;
    await tab.close();
    await tabFeed.close();
    await redisFeed.close();
    await embeddedFeed.close();
    reader.destroy();
    return { bare: summarize(collected.bare), redis: summarize(collected.redis), embedded: summarize(collected.embedded), tab: summarize(collected.tab), tabEventSource: summarize(collected.tabEventSource), tabFetch: summarize(collected.tabFetch), clockError };
  } finally {
    client.destroy();
    await redis.stop();
  }
}

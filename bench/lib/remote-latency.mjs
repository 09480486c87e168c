// The server half of remote latency: from publish() to an SSE client holding the event, against a
// bare XADD -> XREAD BLOCK round trip on the same Redis, in the same process and run. `remote-latency`
// (publish -> a tab's cache empty) will later be held against the same baseline.
import { createServer } from 'node:http';
import { createClearFeed, createMemoryStream, createRedisStream } from 'local-sync-cache/server';
import { createClient } from 'redis';
import { startRedis } from '../../scripts/redis-server.mjs';
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
    const collected = { bare: [], redis: [], embedded: [] };
    const perBlock = Math.ceil(samples / blocks);
    // Alternating blocks, so a change in the machine's load hits all three alike.
    for (let block = 0; block < blocks; block += 1) {
      collected.bare.push(...(await bareRoundTrip(client, reader, 'bench:bare', perBlock)));
      collected.redis.push(...(await publishToClient(redisFeed, perBlock)));
      collected.embedded.push(...(await publishToClient(embeddedFeed, perBlock)));
    }
    await redisFeed.close();
    await embeddedFeed.close();
    reader.destroy();
    return { bare: summarize(collected.bare), redis: summarize(collected.redis), embedded: summarize(collected.embedded) };
  } finally {
    client.destroy();
    await redis.stop();
  }
}

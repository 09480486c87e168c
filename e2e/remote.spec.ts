// Server clears in real Chromium tabs: three tabs elect one leader with Web Locks (one SSE
// connection at the server), a server clear empties all three, and when the leader closes the
// next tab leads and applies what was published meanwhile.
import { createServer, type Server } from 'node:http';
import { createClearFeed, type ClearFeed } from 'local-sync-cache/server';
import { expect, test } from './support/fixtures';

let feed: ClearFeed;
let server: Server;
let feedUrl: string;

test.beforeEach(async () => {
  feed = createClearFeed({ heartbeat: 1_000, heartbeatEvent: true, retry: 200, retryJitter: 100 });
  server = createServer((req, res) => {
    // The pages come from the static server's origin: the feed answers cross-origin.
    res.setHeader('Access-Control-Allow-Origin', String(req.headers.origin ?? '*'));
    void feed.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/clears`;
});

test.afterEach(async () => {
  await feed.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('three tabs hold one SSE connection; a server clear empties all three; a new leader misses nothing', async ({ context }) => {
  const ns = `remote-${Date.now()}`;
  const url = `/e2e/pages/remote.html?ns=${ns}&feed=${encodeURIComponent(feedUrl)}`;
  const tabs = [];
  for (let index = 0; index < 3; index += 1) {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.remoteTab !== undefined);
    tabs.push(page);
  }
  await expect.poll(() => feed.statistics().connections).toBe(1);
  const leaderFlags = await Promise.all(tabs.map((page) => page.evaluate(() => window.remoteTab.remote.leader)));
  expect(leaderFlags.filter(Boolean)).toHaveLength(1);

  await feed.publish({ ids: ['items'] });
  for (const page of tabs) await page.waitForFunction(() => window.remoteTab.cache.size === 0);

  for (const page of tabs) await page.evaluate(() => window.remoteTab.fill());
  const leader = tabs[leaderFlags.indexOf(true)];
  await leader.close();
  await feed.publish({ ids: ['items'] }); // while the next tab takes over
  const rest = tabs.filter((page) => page !== leader);
  for (const page of rest) await page.waitForFunction(() => window.remoteTab.cache.size === 0);
  await expect.poll(() => feed.statistics().connections).toBe(1);
  const newLeaders = await Promise.all(rest.map((page) => page.evaluate(() => window.remoteTab.remote.leader)));
  expect(newLeaders.filter(Boolean)).toHaveLength(1);
});

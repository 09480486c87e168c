// Server clears in real Chromium tabs: three tabs elect one leader with Web Locks (one SSE
// connection at the server), a server clear empties all three, and when the leader closes the
// next tab leads and applies what was published meanwhile.
import { createClearFeed, type ClearFeed } from 'local-sync-cache/server';
import { type DevServer, startDevServer } from '../scripts/dev-server.mjs';
import { expect, test } from './support/fixtures';

let feed: ClearFeed;
let server: DevServer;
let feedUrl: string;

test.beforeEach(async () => {
  feed = createClearFeed({ heartbeat: 1_000, heartbeatEvent: true, retry: 200, retryJitter: 100 });
  server = await startDevServer({
    routes: {
      '/clears': (req, res) => {
        // The pages come from the suite server's origin (localhost): by addressing this one as
        // 127.0.0.1 the feed answers cross-origin, as a feed on its own host would.
        res.setHeader('Access-Control-Allow-Origin', String(req.headers.origin ?? '*'));
        return feed.handler(req, res);
      },
    },
  });
  feedUrl = `http://127.0.0.1:${server.port}/clears`;
});

test.afterEach(async () => {
  await feed.close();
  await server.close();
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

// Server clears in real Chromium tabs: three tabs elect one leader with Web Locks (one SSE
// connection at the server), a server clear empties all three, and when the leader closes the
// next tab leads and applies what was published meanwhile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { createClearFeed, type ClearFeed } from 'local-sync-cache/server';
import { launchOptions } from './support/browser';
import { BrowserLog } from './support/browser-log';
import { type DevServer, startDevServer } from '../scripts/dev-server.mjs';
import { expect, realLifecycleTest, test } from './support/fixtures';
import { readRawMarker } from './support/raw-marker';

let feed: ClearFeed;
let server: DevServer;
let feedUrl: string;

// Most cases pass dataAge=0: their tabs connect before anything is published, and a first
// connection that asked for the page's age from a feed started a moment earlier would get a
// precautionary reset (the embedded stream cannot vouch for clears from before it existed),
// emptying the caches before the clear each case is about. The first-connection case uses the default.
test.beforeEach(async () => {
  feed = createClearFeed({ heartbeat: 1_000, retry: 200, retryJitter: 100 });
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
  const url = `/e2e/pages/remote.html?ns=${ns}&feed=${encodeURIComponent(feedUrl)}&dataAge=0`;
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

// A browser of our own, where only the front tab is visible (support/lifecycle-browser.ts).
realLifecycleTest('a server clear reaches a hidden tab whose nudge was dropped, at its next check (becoming visible)', async ({ lifecycle }) => {
  const ns = `remote-hidden-${Date.now()}`;
  const url = `${process.env.E2E_BASE_URL}/e2e/pages/remote.html?ns=${ns}&feed=${encodeURIComponent(feedUrl)}&dataAge=0`;
  const open = async () => {
    const page = await lifecycle.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.remoteTab !== undefined);
    return page;
  };
  const leader = await open();
  await leader.waitForFunction(() => window.remoteTab.remote.leader === true);
  const other = await open();
  const hidden = await open();
  await expect.poll(() => feed.statistics().connections).toBe(1);
  // Only the front tab of this browser is visible: bringing another to the front hides this one.
  await other.bringToFront();
  // Polled on a timer: the default, requestAnimationFrame, does not run in a hidden tab.
  await hidden.waitForFunction(() => document.visibilityState === 'hidden', undefined, { polling: 50 });
  await hidden.evaluate(() => (window.remoteTab.notifier.dropping = true));

  const published = await feed.publish({ ids: ['items'] });
  for (const page of [leader, other]) await page.waitForFunction(() => window.remoteTab.cache.size === 0);
  // The leader's marker (and cursor) committed: what the hidden tab's check will read.
  await expect.poll(() => leader.evaluate(() => window.remoteTab.cursor())).toBe(published);
  await hidden.waitForFunction(() => window.remoteTab.notifier.dropped > 0, undefined, { polling: 50 });
  expect(await hidden.evaluate(() => window.remoteTab.cache.size)).toBe(1);

  await hidden.evaluate(() => (window.remoteTab.notifier.dropping = false));
  await hidden.bringToFront();
  await hidden.waitForFunction(() => window.remoteTab.cache.size === 0);
  // It went hidden and came back, and the check (the marker the leader bumped), not a nudge, emptied it.
  expect(await hidden.evaluate(() => [window.remoteTab.lifecycle, window.remoteTab.causes])).toEqual([['hidden', 'visible'], ['check']]);
});

test('a namespace-wide clear empties every cache of the namespace in every tab, ids the leader has no cache for included', async ({ context }) => {
  const ns = `remote-reset-${Date.now()}`;
  const url = `/e2e/pages/remote.html?ns=${ns}&feed=${encodeURIComponent(feedUrl)}&dataAge=0`;
  const leader = await context.newPage();
  await leader.goto(url);
  await leader.waitForFunction(() => window.remoteTab?.remote.leader === true);
  const other = await context.newPage();
  await other.goto(`${url}&extra=only-here`);
  await other.waitForFunction(() => window.remoteTab !== undefined);
  expect(await other.evaluate(() => [window.remoteTab.remote.leader, window.remoteTab.extra!.size])).toEqual([false, 1]);
  await feed.publish({ namespace: ns });
  await other.waitForFunction(() => window.remoteTab.extra!.size === 0 && window.remoteTab.cache.size === 0);
  await leader.waitForFunction(() => window.remoteTab.cache.size === 0);
});

test('the browser closed while clears are published: reopened, it applies each exactly once from its saved cursor and drops data that outlived it', async () => {
  const ns = `remote-closed-${Date.now()}`;
  const url = `${process.env.E2E_BASE_URL}/e2e/pages/remote.html?ns=${ns}&feed=${encodeURIComponent(feedUrl)}&dataAge=0`;
  // A profile on disk that outlives the browser, as a person's does (Playwright's default
  // contexts are off the record, and keep IndexedDB in memory).
  const profile = await mkdtemp(join(tmpdir(), 'local-sync-cache-e2e-remote-'));
  const log = new BrowserLog();
  const open = async (): Promise<BrowserContext> => {
    const context = await chromium.launchPersistentContext(profile, { ...launchOptions, headless: true });
    log.attach(context);
    return context;
  };
  try {
    const first = await open();
    const before = await first.newPage();
    await before.goto(url);
    await before.waitForFunction(() => window.remoteTab?.remote.leader === true);
    // The leader holds the lock before its EventSource is open; a first connection (no cursor
    // saved yet) starts at the live end of the stream, so publish only once it is connected.
    await expect.poll(() => feed.statistics().connections).toBe(1);
    await feed.publish({ ids: ['items'] });
    await before.waitForFunction(() => window.remoteTab.remote.diagnostics.clears === 1);
    await before.evaluate(() => window.remoteTab.persist());
    await first.close(); // the whole browser
    await expect.poll(() => feed.statistics().connections).toBe(0);

    await feed.publish({ ids: ['items'] });
    await feed.publish({ ids: ['unrelated'] });
    const last = await feed.publish({ ids: ['items'] });

    const second = await open();
    const after = await second.newPage();
    await after.goto(url);
    await after.waitForFunction(() => window.remoteTab !== undefined);
    // Whichever tab of the profile leads (Chromium may have restored the old one), the clears it
    // missed are applied: the cursor moves to the last one...
    await expect.poll(() => after.evaluate(() => window.remoteTab.cursor())).toBe(last);
    // ...each exactly once: resumed from the cursor saved with the first clear, no reset, no
    // replay (three clears of 'items' in all: generation 3).
    expect(await readRawMarker(after, ns, 'items')).toMatchObject({ gen: 3, by: expect.stringMatching(/^server:/) });
    const tabs = await Promise.all(second.pages().map((page) => page.evaluate(() => window.remoteTab?.remote.diagnostics ?? null).catch(() => null)));
    expect(tabs.filter(Boolean).map((diagnostics) => diagnostics!.resets)).toEqual(tabs.filter(Boolean).map(() => 0));
    // What the app kept from before the close is dropped by the clears it missed, before the app
    // reads it: once caughtUp() resolves, at once.
    expect(await after.evaluate(async () => [await window.remoteTab.remote.caughtUp(), window.remoteTab.persisted(), window.remoteTab.cache.size])).toEqual([true, null, 0]);
    await second.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  expect(log.problems(), 'pages threw or logged errors').toEqual([]);
});

test("a browser's first connection replays the clears published since its page started, as clears, not a reset", async ({ context }) => {
  const ns = `remote-first-${Date.now()}`;
  // The feed must be older than the page plus the default 1 s of slack, or it could not vouch for that window.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const page = await context.newPage();
  await page.goto(`/e2e/pages/remote.html?ns=${ns}&feed=${encodeURIComponent(feedUrl)}&connect=later`);
  await page.waitForFunction(() => window.remoteTab?.cache.size === 1);
  // Published after the page filled its cache, before the browser ever connected.
  const published = await feed.publish({ ids: ['items'] });
  await page.evaluate(() => window.remoteTab.connect());
  await page.waitForFunction(() => window.remoteTab.remote.diagnostics.clears === 1);
  expect(await page.evaluate(() => [window.remoteTab.cache.size, window.remoteTab.remote.diagnostics.resets])).toEqual([0, 0]);
  await expect.poll(() => page.evaluate(() => window.remoteTab.cursor())).toBe(published);
  expect(await readRawMarker(page, ns, 'items')).toMatchObject({ gen: 1, by: expect.stringMatching(/^server:/) });
});

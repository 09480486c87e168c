// Real workbox-strategies in a real service worker, with the binding's plugin: CacheFirst and
// StaleWhileRevalidate answer from the network after a clear made in a page, whether the worker
// heard it, missed it, or was stopped; an answer requested across a clear is not stored; a worker
// restarted soon after a clear it had already applied keeps its cache. The worker is
// e2e/service-worker/workbox-worker.ts.
import { expect, type Page, test } from '@playwright/test';
import { openControlledPage, stopServiceWorkers } from './controlled-page';
import { startTestServer, type TestServer } from './server';

let server: TestServer;

test.beforeAll(async () => {
  server = await startTestServer();
});

test.afterAll(async () => {
  await server?.close();
});

const open = (page: Page): Promise<void> => openControlledPage(page, server.url, '/workbox-sw.js');
const serialOf = (page: Page, path: string): Promise<number> => page.evaluate((url) => window.harness.fetchSerial(url), path);
const workerInformation = (page: Page) => page.evaluate(() => window.harness.askWorker('information'));

const STRATEGIES = [
  { name: 'CacheFirst', path: '/api/cache-first' },
  { name: 'StaleWhileRevalidate', path: '/api/swr' },
] as const;

/**
 * Fills the strategy's cache and returns the serial it serves from there. StaleWhileRevalidate
 * asks the network behind every cached answer: wait until that request reached the server, so
 * the only requests after the clear are the ones the clear's test makes.
 */
async function fill(page: Page, path: string): Promise<number> {
  const first = await serialOf(page, path);
  // Workbox stores behind the answer (waitUntil): wait for the write before asking again.
  const cacheName = path === '/api/swr' ? 'api-swr' : 'api-cache-first';
  await expect.poll(() => page.evaluate(([name, url]) => window.harness.isStored(name, url), [cacheName, path] as const)).toBe(true);
  const cached = await serialOf(page, path);
  expect(cached).toBe(first); // served from Cache Storage
  await expect.poll(() => server.apiRequests).toBe(path === '/api/swr' ? first + 1 : first);
  return server.apiRequests;
}

/** Makes the clear in the page in the way named, around a worker that is running or stopped. */
const CLEARS = {
  'running and hearing the nudge': (page: Page) => page.evaluate(() => window.harness.clear()),
  'running and missing the nudge': (page: Page) => page.evaluate(() => window.harness.clearUnheard()),
  'stopped before the clear': async (page: Page) => {
    await stopServiceWorkers(page);
    await page.evaluate(() => window.harness.clear());
  },
} as const;

for (const { name, path } of STRATEGIES) {
  for (const [how, clear] of Object.entries(CLEARS)) {
    test(`${name}: after a clear in a page, the worker's next answer comes from the network (worker ${how})`, async ({ page }) => {
      await open(page);
      const lastIssued = await fill(page, path);
      await clear(page);
      expect(await serialOf(page, path)).toBeGreaterThan(lastIssued);
    });
  }

  test(`${name}: an answer requested before a clear and arriving after it is not stored`, async ({ page }) => {
    await open(page);
    if (name === 'StaleWhileRevalidate') await fill(page, path); // the held request is then the revalidation
    const held = server.holdNext();
    const answer = page.evaluate((url) => window.harness.fetchSerial(url), path);
    await held.arrived;
    const heldSerial = server.apiRequests;
    await page.evaluate(() => window.harness.clear());
    held.release();
    await answer;
    // The held answer reached the worker after the clear: the next answer must not be it.
    await expect.poll(async () => (await workerInformation(page)).bindings).toMatchObject({ [name === 'CacheFirst' ? 'cache-first' : 'swr']: { refusedPuts: 1 } });
    expect(await serialOf(page, path)).toBeGreaterThan(heldSerial);
  });
}

test('a worker restarted soon after a clear it had applied keeps its Cache Storage', async ({ page }) => {
  await open(page);
  // Heard by the running worker; stamped ahead, so the restarted worker's first read sees it as
  // recent (F3), as it would one made just before the restart, with no timing in the test.
  await page.evaluate(() => window.harness.clearStampedAhead());
  // Filled after the clear, so the contents (and their content markers) reflect it.
  const cacheFirst = await fill(page, '/api/cache-first');
  const stored = await serialOf(page, '/api/cache-first');
  expect(stored).toBe(cacheFirst);
  const before = await workerInformation(page);

  await stopServiceWorkers(page);
  expect(await serialOf(page, '/api/cache-first')).toBe(stored);
  const after = await workerInformation(page);
  expect(after.life).not.toBe(before.life);
  // The restarted worker's first read found a recent marker (F3 of docs/protocol.md) and emptied;
  // the content marker showed that clear was already applied to the contents, so they stayed.
  expect(after.causes).toEqual(['check']);
  expect(after.bindings).toMatchObject({ 'cache-first': { emptied: 0 }, swr: { emptied: 0 } });
});

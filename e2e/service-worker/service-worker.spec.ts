// A real service worker on http://localhost, in Chromium: its Cache Storage, bound to the id
// "api", is emptied by clears made in a tab (heard or not, while it ran or while it was stopped),
// and a clear made inside it reaches the tabs. The worker is e2e/service-worker/worker.ts.
import { expect, type Page, test } from '@playwright/test';
import { openControlledPage as open, stopServiceWorkers } from './controlled-page';
import { startTestServer, type TestServer } from './server';

let server: TestServer;

test.beforeAll(async () => {
  server = await startTestServer();
});

test.afterAll(async () => {
  await server?.close();
});

const openControlledPage = (page: Page): Promise<void> => open(page, server.url);

const fetchSerial = (page: Page): Promise<number> => page.evaluate(() => window.harness.fetchSerial());
const workerInformation = (page: Page) => page.evaluate(() => window.harness.askWorker('information'));

test('a clear in a tab sends the worker\'s next answer to the network; the core runs in the worker on IndexedDB', async ({ page }) => {
  await openControlledPage(page);
  const first = await fetchSerial(page);
  expect(await fetchSerial(page)).toBe(first); // from the worker's Cache Storage

  await page.evaluate(() => window.harness.clear());
  const afterClear = await fetchSerial(page);
  expect(afterClear).toBeGreaterThan(first);
  expect(await fetchSerial(page)).toBe(afterClear); // stored again, served again

  expect(await workerInformation(page)).toMatchObject({
    sharing: 'indexeddb',
    hasWindow: false,
    hasDocument: false,
    // Emptied by deleting the bound cache when the clear was learnt of, not merely bypassed.
    binding: { emptied: 1, bypassedMatches: 0, refusedPuts: 0 },
  });
});

test('a clear the running worker never hears of still reaches its next answer', async ({ page }) => {
  await openControlledPage(page);
  const first = await fetchSerial(page);
  expect(await fetchSerial(page)).toBe(first);

  // No nudge reaches the worker: only the check at the start of the fetch can see the clear.
  await page.evaluate(() => window.harness.clearUnheard());
  expect(await fetchSerial(page)).toBeGreaterThan(first);
  expect((await workerInformation(page)).binding).toMatchObject({ emptied: 1, bypassedMatches: 0 });
});

test('a clear made while the worker was stopped empties its Cache Storage on the next fetch', async ({ page }) => {
  await openControlledPage(page);
  const first = await fetchSerial(page);
  expect(await fetchSerial(page)).toBe(first);
  const before = await workerInformation(page);

  await stopServiceWorkers(page);
  await page.evaluate(() => window.harness.clear());
  const requestsBefore = server.apiRequests;
  const afterClear = await fetchSerial(page);
  expect(afterClear).toBeGreaterThan(first);
  expect(server.apiRequests).toBe(requestsBefore + 1);
  const restarted = await workerInformation(page);
  expect(restarted.life).not.toBe(before.life);
  expect(restarted.binding).toMatchObject({ emptied: 1 });

  // Stopped again without a clear: the restarted worker vouches for what it stored.
  await stopServiceWorkers(page);
  expect(await fetchSerial(page)).toBe(afterClear);
  const again = await workerInformation(page);
  expect(again.life).not.toBe(restarted.life);
  expect(again.binding).toMatchObject({ emptied: 0 });
});

test('a clear inside the worker empties the tabs\' caches and its own Cache Storage', async ({ page }) => {
  await openControlledPage(page);
  const first = await fetchSerial(page);
  await page.evaluate(() => window.harness.fill());

  await page.evaluate(() => window.harness.askWorker('clear'));
  // The tab that hears nudges is emptied by the worker's nudge; the other one at its next check.
  await expect.poll(() => page.evaluate(() => window.harness.sizes().live)).toBe(0);
  expect(await page.evaluate(() => window.harness.sizes().deaf)).toBe(1);
  expect(await page.evaluate(() => window.harness.checkDeaf())).toBe(true);
  expect(await page.evaluate(() => window.harness.sizes().deaf)).toBe(0);

  expect(await fetchSerial(page)).toBeGreaterThan(first);
});

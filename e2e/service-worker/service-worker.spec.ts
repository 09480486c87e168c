// A real service worker on http://localhost, in Chromium: its Cache Storage, bound to the id
// "api", is emptied by a clear made while the worker was stopped. Chromium only: stopping a worker
// needs CDP (ServiceWorker.stopWorker). The cases every engine runs (a clear heard or unheard by
// the running worker, a clear made inside it) are in e2e/cases/service-worker.ts. The worker is
// e2e/service-worker/worker.ts.
import { type CDPSession, expect, type Page, test } from '@playwright/test';
import { startTestServer, type TestServer } from './server';

let server: TestServer;

test.beforeAll(async () => {
  server = await startTestServer();
});

test.afterAll(async () => {
  await server?.close();
});

/** Opens the test page in the test's fresh context and waits until the worker controls it. */
async function openControlledPage(page: Page): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => typeof window.harness === 'object');
  await page.evaluate(() => window.harness.register());
}

const fetchSerial = (page: Page): Promise<number> => page.evaluate(() => window.harness.fetchSerial());
const workerInformation = (page: Page) => page.evaluate(() => window.harness.askWorker('information'));

/** Stops every running service worker of the page's context, as the browser does to an idle one. */
async function stopServiceWorkers(page: Page): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const versions = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const version of updated) versions.set(version.versionId, version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => [...versions.values()].includes('running')).toBe(true);
  for (const [versionId, status] of versions) {
    if (status === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId });
  }
  await expect.poll(() => [...versions.values()].every((status) => status === 'stopped')).toBe(true);
  await cdp.detach();
}

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

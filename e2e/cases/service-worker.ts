// A real service worker (e2e/service-worker/worker.ts, served by its own small server on
// http://localhost, a secure context): its Cache Storage, bound to the id "api", is emptied by a
// clear made in a tab, heard or not, and a clear made inside the worker reaches the tabs. The
// variant with a stopped worker needs CDP (ServiceWorker.stopWorker): Chromium only.
import assert from 'node:assert/strict';
import type { EngineTab } from '../drivers/engine';
import { waitFor } from '../drivers/wait-for';
// Types only: window.harness, declared by the worker's test page.
import type {} from '../service-worker/page';
import { startTestServer, type TestServer } from '../service-worker/server';
import { assertSubset } from './assert-subset';
import type { BrowserCase, CaseContext } from './browser-case';

/** Starts the worker's server, opens its page and waits until the worker controls it; stops the server after `body`. */
async function withControlledPage(context: CaseContext, body: (tab: EngineTab, server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer();
  try {
    const tab = await context.session.openTab(`${server.url}/`);
    await waitFor(tab, 'the harness', () => typeof window.harness === 'object');
    await tab.evaluate(() => window.harness.register());
    await body(tab, server);
  } finally {
    await server.close();
  }
}

const fetchSerial = (tab: EngineTab): Promise<number> => tab.evaluate(() => window.harness.fetchSerial());

/**
 * Waits until the worker has stored the answer in its Cache Storage. The cache-first strategy
 * answers first and stores in `waitUntil()`, so an answer can reach the page before it is stored:
 * Firefox was seen to hand it over before the store committed, so a fetch made at once went to the
 * network again. (Correct behaviour, just a race: a cache cannot serve what is not stored yet.)
 */
const stored = (tab: EngineTab): Promise<void> =>
  waitFor(tab, 'the worker to store the answer in its Cache Storage', async () => (await (await caches.open('api-responses')).match('/api/data')) !== undefined);
const workerInformation = (tab: EngineTab): Promise<Record<string, unknown>> => tab.evaluate(() => window.harness.askWorker('information'));

export const serviceWorkerHeardClear: BrowserCase = {
  name: "service worker: a clear in a tab sends the worker's next answer to the network; the core runs in the worker on IndexedDB",
  run: (context) =>
    withControlledPage(context, async (tab) => {
      const first = await fetchSerial(tab);
      await stored(tab);
      assert.equal(await fetchSerial(tab), first, "the second answer comes from the worker's Cache Storage");

      await tab.evaluate(() => window.harness.clear());
      const afterClear = await fetchSerial(tab);
      assert.ok(afterClear > first, 'the answer after the clear came from the network');
      await stored(tab);
      assert.equal(await fetchSerial(tab), afterClear, 'stored again, served again');

      const information = await workerInformation(tab);
      assertSubset(information, { sharing: 'indexeddb', hasWindow: false, hasDocument: false });
      // Emptied by deleting the bound cache when the clear was learnt of, not merely bypassed.
      assertSubset(information.binding as object, { emptied: 1, bypassedMatches: 0, refusedPuts: 0 });
    }),
};

export const serviceWorkerUnheardClear: BrowserCase = {
  name: 'service worker: a clear the running worker never hears of still reaches its next answer',
  run: (context) =>
    withControlledPage(context, async (tab) => {
      const first = await fetchSerial(tab);
      await stored(tab);
      assert.equal(await fetchSerial(tab), first);
      // No nudge reaches the worker: only the check at the start of the fetch can see the clear.
      await tab.evaluate(() => window.harness.clearUnheard());
      assert.ok((await fetchSerial(tab)) > first, 'the answer after the unheard clear came from the network');
      assertSubset((await workerInformation(tab)).binding as object, { emptied: 1, bypassedMatches: 0 });
    }),
};

export const serviceWorkerClearsTabs: BrowserCase = {
  name: "service worker: a clear inside the worker empties the tabs' caches and its own Cache Storage",
  run: (context) =>
    withControlledPage(context, async (tab) => {
      const first = await fetchSerial(tab);
      await tab.evaluate(() => window.harness.fill());

      await tab.evaluate(() => window.harness.askWorker('clear'));
      // The tab cache that hears nudges is emptied by the worker's nudge; the other one at its next check.
      await waitFor(tab, "the worker's nudge to empty the tab", () => window.harness.sizes().live === 0);
      assert.equal(await tab.evaluate(() => window.harness.sizes().deaf), 1);
      assert.equal(await tab.evaluate(() => window.harness.checkDeaf()), true);
      assert.equal(await tab.evaluate(() => window.harness.sizes().deaf), 0);
      assert.ok((await fetchSerial(tab)) > first, 'the answer after the clear came from the network');
    }),
};

const NO_STOP = 'the driver cannot stop a service worker (CDP ServiceWorker.stopWorker has no WebDriver equivalent)';

export const serviceWorkerStopped: BrowserCase = {
  name: 'service worker: a clear made while the worker was stopped empties its Cache Storage on the next fetch',
  unsupported: { firefox: NO_STOP, webkit: NO_STOP },
  run: (context) =>
    withControlledPage(context, async (tab, server) => {
      const { session } = context;
      if (!session.stopServiceWorkers) throw new Error(`${context.engine}: this case needs stopServiceWorkers()`);
      const first = await fetchSerial(tab);
      await stored(tab);
      assert.equal(await fetchSerial(tab), first);
      const before = await workerInformation(tab);

      await session.stopServiceWorkers(tab);
      await tab.evaluate(() => window.harness.clear());
      const requestsBefore = server.apiRequests;
      const afterClear = await fetchSerial(tab);
      assert.ok(afterClear > first, 'the answer after the clear came from the network');
      assert.equal(server.apiRequests, requestsBefore + 1);
      const restarted = await workerInformation(tab);
      assert.notEqual(restarted.life, before.life, 'the worker was really restarted');
      assertSubset(restarted.binding as object, { emptied: 1 });

      // Stopped again without a clear: the restarted worker vouches for what it stored.
      await stored(tab);
      await session.stopServiceWorkers(tab);
      assert.equal(await fetchSerial(tab), afterClear);
      const again = await workerInformation(tab);
      assert.notEqual(again.life, restarted.life, 'the worker was really restarted again');
      assertSubset(again.binding as object, { emptied: 0 });
    }),
};

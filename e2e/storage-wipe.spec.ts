// Case 5: IndexedDB is wiped while the app runs (CDP Storage.clearDataForOrigin, as when a person
// clears site data). Nothing crashes, a tab re-saves the marker it wrote, and a clear after the
// wipe still reaches a tab that missed its nudge: no stale read. The last test shows that a wipe
// landing during a clear does not turn sharing off.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { readRawMarker } from './support/raw-marker';
import { openTab } from './support/tabs';

const NAMESPACE = 'wipe';

/** Deletes every IndexedDB database of the page's origin, from outside the page. */
async function wipeIndexedDB(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });
  await cdp.detach();
}

test('after a wipe, the clearing tab re-saves its marker under a fresh epoch, and a later clear still empties a tab that missed the nudge', async ({ context, browserLog }) => {
  const query = `?ns=${NAMESPACE}&notifier=test`;
  const clearing = await openTab(context, query);
  const missing = await openTab(context, query);
  await clearing.evaluate(() => window.tab.clear());
  await missing.waitForFunction(() => window.tab.causes.length === 1);
  await missing.evaluate(() => window.tab.checkAll());
  const marker = await readRawMarker(clearing, NAMESPACE, 'items');
  expect(marker).toMatchObject({ gen: 1 });

  await wipeIndexedDB(clearing);
  expect(await readRawMarker(clearing, NAMESPACE, 'items')).toBeNull();

  // The tab that finds its marker lost puts it back on its next check, as the seed re-saves its
  // reset time: the same generation, clear and time, under a fresh epoch (docs/protocol.md, R3).
  await clearing.evaluate(() => window.tab.checkAll());
  await expect.poll(() => readRawMarker(clearing, NAMESPACE, 'items')).toMatchObject({ gen: 1, by: marker!.by, time: marker!.time });
  const resaved = await readRawMarker(clearing, NAMESPACE, 'items');
  expect(resaved!.epoch).not.toBe(marker!.epoch);
  // The other tab cannot tell what the wipe lost: it empties once, as a counted precaution.
  await missing.evaluate(() => window.tab.fill(3, 'before-its-check'));
  await missing.evaluate(() => window.tab.checkAll());
  expect(await missing.evaluate(() => window.tab.cache.size)).toBe(0);
  await missing.evaluate(() => window.tab.fill(3, 'after-the-wipe'));
  await missing.evaluate(() => window.tab.checkAll());
  expect(await missing.evaluate(() => window.tab.cache.size)).toBe(3);

  // A clear after the wipe, whose nudge `missing` drops: its next check catches up.
  await missing.evaluate(() => {
    window.tab.notifier!.dropping = true;
  });
  await clearing.evaluate(() => window.tab.clear());
  await missing.waitForFunction(() => window.tab.notifier!.dropped === 1);
  await missing.evaluate(() => window.tab.checkAll());
  expect(await missing.evaluate(() => window.tab.entries())).toEqual([]);
  expect(await missing.evaluate(() => window.tab.causes)).toEqual(['nudge', 'precaution', 'check']);
  expect(await readRawMarker(clearing, NAMESPACE, 'items')).toMatchObject({ epoch: resaved!.epoch, gen: 2 });

  for (const page of [clearing, missing]) {
    expect((await page.evaluate(() => window.tab.rows()))[0].sharing).toBe('indexeddb');
  }
  expect(browserLog.ofType('warning', 'local-sync-cache')).toEqual([]);
});

/**
 * Clears over and over in `clearing` (each awaited, with a turn of the event loop between, as
 * user actions would come), wipes IndexedDB once ten are done, lets ten more run after the
 * wipe returned, and resolves to the number of clears: the wipe lands while clears run.
 */
async function wipeDuringClears(clearing: Page): Promise<number> {
  await clearing.evaluate(() => window.tab.startClearRun());
  await clearing.waitForFunction(() => window.tab.rows()[0].ownClears >= 10);
  await wipeIndexedDB(clearing);
  return clearing.evaluate(() => window.tab.finishClearRun(10));
}

test('a wipe in the middle of a run of clears crashes nothing, and every clear still reaches the live tab', async ({ context, browserLog }) => {
  const query = `?ns=${NAMESPACE}&notifier=test`;
  const clearing = await openTab(context, query);
  const listening = await openTab(context, query);
  await listening.evaluate(() => window.tab.fill(3, 'before'));
  // Store failures may be reported through onError (the default logs them): reporting is the
  // contract. Uncaught exceptions and any other console error still fail the test.
  browserLog.allowErrors(/^local-sync-cache: /);

  const clears = await wipeDuringClears(clearing);

  expect((await clearing.evaluate(() => window.tab.rows()))[0].ownClears).toBe(clears);
  await listening.waitForFunction((count) => window.tab.rows()[0].externalClears === count, clears);
  expect(await listening.evaluate(() => window.tab.entries())).toEqual([]);
});

test('a wipe during a clear keeps sharing on: the retry opens a fresh connection', async ({ context, browserLog }) => {
  // The write in flight aborts ("Connection is closing because of: Force close delete origin");
  // the store forgets that connection, so the one retry opens a new one instead of failing on
  // the closing connection and sending the page to local-only mode.
  browserLog.allowErrors(/^local-sync-cache: /);
  const query = `?ns=${NAMESPACE}&notifier=test`;
  const clearing = await openTab(context, query);
  const listening = await openTab(context, query);

  await wipeDuringClears(clearing);

  expect(browserLog.ofType('warning', 'local-sync-cache')).toEqual([]);
  expect((await clearing.evaluate(() => window.tab.rows()))[0].sharing).toBe('indexeddb');
  // Both tabs agree with the marker the store holds now.
  await clearing.evaluate(() => window.tab.checkAll());
  await listening.evaluate(() => window.tab.checkAll());
  const stored = await readRawMarker(clearing, NAMESPACE, 'items');
  expect(stored).not.toBeNull();
  expect(await clearing.evaluate(() => window.tab.adopted())).toEqual(stored);
  expect(await listening.evaluate(() => window.tab.adopted())).toEqual(stored);
});

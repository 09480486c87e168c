// Case 2: eight tabs change data, clear and refill one cache at once. No tab ever reads a value
// older than a clear it must already reflect (the invariant is explained in
// e2e/pages/concurrency.ts), and the shared marker counts every clear.
import type { Page } from '@playwright/test';
import type { WorkloadOptions } from './pages/concurrency';
import { expect, test } from './support/fixtures';
import { readRawMarker } from './support/raw-marker';
import { serverUrl } from './support/tabs';

const TABS = 8;
const OPTIONS: WorkloadOptions = { clears: 15, loops: 3, keys: 4 };

test('eight tabs clearing and refilling at once never read a stale value, and the marker counts every clear', async ({ context }, testInfo) => {
  test.slow();
  const tabs: Page[] = await Promise.all(
    Array.from({ length: TABS }, async (_, index) => {
      const page = await context.newPage();
      await page.goto(serverUrl(`/e2e/pages/concurrency.html?tab=${index}`));
      await page.waitForFunction(() => window.workload?.isReady());
      return page;
    }),
  );

  const results = await Promise.all(tabs.map((page) => page.evaluate((options) => window.workload.run(options), OPTIONS)));

  expect(results.flatMap((result) => result.violations)).toEqual([]);
  expect(results.flatMap((result) => result.errors)).toEqual([]);
  // The channel carried nudges and the test's announcements only; the hubs never saw the latter.
  expect(results.map((result) => result.diagnostics)).toEqual(results.map(() => ({ malformedMessages: 0, malformedRecords: 0 })));

  const clears = results.reduce((sum, result) => sum + result.clears, 0);
  expect(clears).toBe(TABS * OPTIONS.clears);
  expect(clears).toBeGreaterThanOrEqual(100);
  expect(results.reduce((sum, result) => sum + result.rows[0].ownClears, 0)).toBe(clears);
  // The invariant was exercised, not vacuously true: hits were checked after clears were known,
  // and reads went through the checkAll() guard.
  expect(results.reduce((sum, result) => sum + result.checkedHits, 0)).toBeGreaterThan(0);
  expect(results.reduce((sum, result) => sum + result.guardedReads, 0)).toBeGreaterThan(0);

  // Every clear bumped the marker once, in one read-write transaction: none was lost to a race.
  const marker = await readRawMarker(tabs[0], 'concurrency', 'items');
  expect(marker?.gen).toBe(clears);

  // After one more check, every tab has adopted that same marker.
  for (const page of tabs) await page.evaluate(() => window.workload.checkAll());
  const adopted = await Promise.all(tabs.map((page) => page.evaluate(() => window.workload.adopted())));
  expect(adopted).toEqual(tabs.map(() => marker));

  const sum = (pick: (row: (typeof results)[number]['rows'][number]) => number): number =>
    results.reduce((total, result) => total + pick(result.rows[0]), 0);
  testInfo.annotations.push({
    type: 'workload',
    description:
      `${clears} clears; ${sum((row) => row.externalClears)} external and ${sum((row) => row.precautionClears)} precaution emptyings; ` +
      `${results.reduce((total, result) => total + result.hits, 0)} hits, ${results.reduce((total, result) => total + result.misses, 0)} misses, ` +
      `${sum((row) => row.discardedFills)} fills discarded as stale`,
  });
});

// Six tabs change data, clear and refill one cache at random, all at once, and an oracle checks
// every cache hit: no tab ever reads a value older than a clear it must already reflect (the
// invariant and how a tab knows what it must reflect: e2e/pages/concurrency.ts). The shared
// marker counts every clear, and afterwards every tab has adopted it.
import assert from 'node:assert/strict';
import type { EngineTab } from '../drivers/engine';
import { waitFor } from '../drivers/wait-for';
import type { WorkloadOptions, WorkloadResult } from '../pages/concurrency';
import { assertNoProblems, probeRecord } from './app-tab';
import type { BrowserCase } from './browser-case';
import { readMarker } from './raw-marker';

const TABS = 6;
const OPTIONS: WorkloadOptions = { clears: 15, loops: 3, keys: 4 };

declare global {
  interface Window {
    /** The workload's result once it has finished (set by this case). */
    workloadDone?: WorkloadResult | { failed: string };
  }
}

export const randomOperations: BrowserCase = {
  name: 'six tabs clearing and refilling at random never read a stale value, and the marker counts every clear',
  async run(context) {
    const tabs: EngineTab[] = [];
    for (let index = 0; index < TABS; index++) {
      // Each in a window of its own: all visible, as tabs a person works in side by side. (Hidden
      // tabs' timers are throttled to about one a second in Chromium and Firefox, which would
      // stretch the run, not test anything more.)
      const tab = await context.session.openTab(context.url(`/e2e/pages/concurrency.html?tab=${index}`), { ownWindow: true });
      await waitFor(tab, 'the workload tab to be ready', () => window.workload?.isReady() === true);
      tabs.push(tab);
    }

    // Started in every tab, then awaited: classic WebDriver runs one command at a time, so
    // awaiting each run inside its command would run the tabs one after another.
    for (const tab of tabs) {
      await tab.evaluate((options) => {
        window.workload.run(options).then(
          (result) => (window.workloadDone = result),
          (error: unknown) => (window.workloadDone = { failed: String(error) }),
        );
      }, OPTIONS);
    }
    const results: WorkloadResult[] = [];
    for (const tab of tabs) {
      await waitFor(tab, 'the workload to finish', () => window.workloadDone !== undefined);
      const done = await tab.evaluate(() => window.workloadDone!);
      assert.ok(!('failed' in done), `a workload failed: ${'failed' in done ? done.failed : ''}`);
      results.push(done as WorkloadResult);
    }

    // The oracle: no stale read, no error.
    assert.deepEqual(results.flatMap((result) => result.violations), []);
    assert.deepEqual(results.flatMap((result) => result.errors), []);
    // The channel carried nudges and the test's announcements only; the hubs never saw the latter.
    assert.deepEqual(results.map((result) => result.diagnostics), results.map(() => ({ malformedMessages: 0, malformedRecords: 0 })));

    const clears = results.reduce((sum, result) => sum + result.clears, 0);
    assert.equal(clears, TABS * OPTIONS.clears);
    assert.equal(results.reduce((sum, result) => sum + result.rows[0].ownClears, 0), clears);
    // The oracle was exercised, not vacuously true: hits were checked after clears were known,
    // and reads went through the checkAll() guard.
    assert.ok(results.reduce((sum, result) => sum + result.checkedHits, 0) > 0, 'no hit was checked against a known clear');
    assert.ok(results.reduce((sum, result) => sum + result.guardedReads, 0) > 0, 'no guarded read');

    // Every clear bumped the marker once, in one read-write transaction: none was lost to a race.
    const marker = await readMarker(tabs[0], 'concurrency', 'items');
    assert.equal(marker?.gen, clears);
    // After one more check, every tab has adopted that same marker.
    for (const tab of tabs) {
      await tab.evaluate(() => window.workload.checkAll());
      assert.deepEqual(await tab.evaluate(() => window.workload.adopted()), marker);
    }
    // The hubs report store trouble through their own onError (result.errors, checked above).
    await assertNoProblems(tabs);
    const warnings = (await Promise.all(tabs.map(probeRecord))).flatMap((record) => record.console.filter((entry) => entry.type === 'warn'));
    assert.deepEqual(warnings, [], 'no tab fell back to local-only');

    const sum = (pick: (row: WorkloadResult['rows'][number]) => number): number => results.reduce((total, result) => total + pick(result.rows[0]), 0);
    context.note(
      `${clears} clears; ${sum((row) => row.externalClears)} external and ${sum((row) => row.precautionClears)} precaution emptyings; ` +
        `${results.reduce((total, result) => total + result.checkedHits, 0)} checked hits, ${sum((row) => row.discardedFills)} fills discarded as stale`,
    );
  },
};

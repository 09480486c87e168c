// IndexedDB missing or refusing to work (old or locked-down browsers, private modes, sandboxed
// frames), broken by the page's probe before any other script runs (?break=, e2e/pages/probe.js).
// The page still works, live tabs still hear clears, the library warns once per tab, and
// getCacheInformation() says honestly that markers are not shared (`sharing: 'local-only'`).
import assert from 'node:assert/strict';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems, openAppTab, probeRecord } from './app-tab';
import { assertSubset } from './assert-subset';
import type { BrowserCase } from './browser-case';

interface Breakage {
  /** The probe's breakage name. */
  name: string;
  description: string;
  /** Tab query beyond the breakage: the default hub where possible; a short store deadline where IndexedDB never answers. */
  query: string;
  /** Whether the library also reports the store's failure through onError (console.error by default). */
  reportsError: boolean;
}

const breakages: Breakage[] = [
  { name: 'absent', description: 'indexedDB is absent', query: '', reportsError: false },
  { name: 'getter-throws', description: 'reading indexedDB throws, as in a sandboxed frame', query: '', reportsError: false },
  { name: 'open-throws', description: 'open() throws', query: '', reportsError: true },
  { name: 'open-fails', description: 'open() fails with an error event', query: '', reportsError: true },
  { name: 'open-hangs', description: 'open() never answers', query: '&ns=hang&storeTimeout=200', reportsError: true },
];

export const withoutIndexedDB: BrowserCase[] = breakages.map((breakage) => ({
  name: `${breakage.description}: one warning per tab, the page works, and sharing is reported as local-only`,
  async run(context) {
    const query = `?break=${breakage.name}${breakage.query}`;
    const tabA = await openAppTab(context, query);
    const tabB = await openAppTab(context, query);

    // Several clears and checks in each tab: however often the store is asked, the warning comes once.
    for (let round = 0; round < 3; round++) {
      await tabB.evaluate((label) => window.tab.fill(3, label), `round-${round}`);
      await tabA.evaluate(() => window.tab.clear());
      // Live tabs still hear the clear at once over the channel.
      await waitFor(tabB, "B's cache to be emptied by the nudge", () => window.tab.cache.size === 0);
      await tabB.evaluate(() => window.tab.clear());
      await tabA.evaluate(() => window.tab.checkAll());
      await tabB.evaluate(() => window.tab.checkAll());
    }

    for (const tab of [tabA, tabB]) {
      const [row] = await tab.evaluate(() => window.tab.rows());
      assertSubset(row, { id: 'items', sharing: 'local-only', ownClears: 3, externalClears: 3 });
      const record = await probeRecord(tab);
      const warnings = record.console.filter((entry) => entry.type === 'warn' && entry.text.includes('local-sync-cache'));
      assert.equal(warnings.length, 1, `one warning per tab, got ${JSON.stringify(warnings)}`);
      // The code is in the warning in development and production builds alike (README, "Errors").
      assert.match(warnings[0].text, /not-shared/);
      const errors = record.console.filter((entry) => entry.type === 'error' && entry.text.includes('local-sync-cache'));
      assert.equal(errors.length, breakage.reportsError ? 1 : 0, `errors reported: ${JSON.stringify(errors)}`);
    }
    await assertNoProblems([tabA, tabB], /^local-sync-cache: /);
  },
}));

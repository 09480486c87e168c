// Two live tabs of one profile: a clear in tab A empties tab B's cache at once, through the nudge
// alone, and B's information rows tell that the clear came from elsewhere.
import assert from 'node:assert/strict';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems, openAppTab } from './app-tab';
import { assertSubset } from './assert-subset';
import type { BrowserCase } from './browser-case';

export const twoTabs: BrowserCase = {
  name: 'two tabs: a clear in one empties the other at once, and the other counts it as external',
  async run(context) {
    // The default hub, store and channel, exactly as an app that passes no options gets them.
    const tabA = await openAppTab(context);
    const tabB = await openAppTab(context);
    await tabA.evaluate(() => window.tab.fill(3, 'a'));
    await tabB.evaluate(() => window.tab.fill(3, 'b'));

    await tabA.evaluate(() => window.tab.clear());

    // B runs no check (no installAutoCheck, no checkAll): only A's nudge can empty it.
    await waitFor(tabB, "B's cache to be emptied by the nudge", () => window.tab.cache.size === 0);
    assert.deepEqual(await tabB.evaluate(() => window.tab.causes), ['nudge']);

    const [rowA] = await tabA.evaluate(() => window.tab.rows());
    assertSubset(rowA, { id: 'items', size: 0, sharing: 'indexeddb', clearedHere: true, ownClears: 1, externalClears: 0 });
    assert.match(String(rowA.marker), /:1$/);
    const [rowB] = await tabB.evaluate(() => window.tab.rows());
    assertSubset(rowB, { id: 'items', size: 0, sharing: 'indexeddb', clearedHere: false, ownClears: 0, externalClears: 1, precautionClears: 0, checks: 0 });

    // B's next check finds A's marker, whose nudge it already acted on: it adopts the marker
    // without emptying again (one clear, one emptying) and keeps what it stored since.
    await tabB.evaluate(() => window.tab.fill(2, 'b-after'));
    await tabB.evaluate(() => window.tab.checkAll());
    const [checkedB] = await tabB.evaluate(() => window.tab.rows());
    assertSubset(checkedB, { size: 2, marker: rowA.marker, clearedHere: false, externalClears: 1, precautionClears: 0, checks: 1 });
    assert.deepEqual(await tabB.evaluate(() => window.tab.causes), ['nudge']);
    await assertNoProblems([tabA, tabB]);
  },
};

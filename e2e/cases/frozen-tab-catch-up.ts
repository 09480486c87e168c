// A frozen tab that missed the nudge of another tab's clear empties its cache when it thaws
// (installAutoCheck's `resume` trigger). The tab stays hidden throughout, so `resume` alone can
// have made it check. The missed nudge is dropped on arrival by the test notifier: a freeze does
// not hold BroadcastChannel messages back in Chromium.
import assert from 'node:assert/strict';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems, openAppTab } from './app-tab';
import type { BrowserCase } from './browser-case';
import { catchUpQuery } from './missed-nudge';

const NO_FREEZE = 'the driver cannot freeze a page (CDP Page.setWebLifecycleState has no WebDriver equivalent)';

export const frozenTabCatchUp: BrowserCase = {
  name: 'a frozen tab that missed the nudge empties its cache on resume',
  unsupported: { firefox: NO_FREEZE, webkit: NO_FREEZE },
  async run(context) {
    const { session } = context;
    if (!session.setFrozen) throw new Error(`${context.engine}: this case needs setFrozen()`);
    const query = catchUpQuery('frozen');
    const missing = await openAppTab(context, query);
    const clearing = await openAppTab(context, query); // opened last: `missing` stays hidden throughout
    await missing.evaluate(() => {
      window.tab.fill(3, 'before-the-clear');
      window.tab.notifier!.dropping = true;
    });

    await session.setFrozen(missing, true);
    await clearing.evaluate(() => window.tab.clear());
    await session.setFrozen(missing, false);

    await waitFor(missing, 'the cache to be emptied on resume', () => window.tab.cache.size === 0);
    await waitFor(missing, 'the nudge to have been dropped', () => window.tab.notifier!.dropped === 1);
    // It was really frozen and thawed, and stayed hidden: `resume` is what made it check.
    assert.deepEqual(await missing.evaluate(() => window.tab.lifecycle), ['hidden', 'freeze', 'resume']);
    assert.deepEqual(await missing.evaluate(() => window.tab.causes), ['check']);
    await assertNoProblems([missing, clearing]);
  },
};

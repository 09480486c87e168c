// A hidden tab that missed the nudge of another tab's clear empties its cache when it becomes
// visible again (installAutoCheck's visibilitychange trigger). Hidden the way a person hides it:
// another tab brought to the front (Chromium, Firefox), the window minimized (WebKit).
import assert from 'node:assert/strict';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems, openAppTab } from './app-tab';
import type { BrowserCase } from './browser-case';
import { catchUpQuery, missAClear } from './missed-nudge';

export const hiddenTabCatchUp: BrowserCase = {
  name: 'a hidden tab that missed the nudge empties its cache when it becomes visible',
  async run(context) {
    const query = catchUpQuery('hidden');
    const missing = await openAppTab(context, query);
    const clearing = await openAppTab(context, query);
    await context.session.hide(missing);
    await waitFor(missing, 'the tab to be hidden', () => document.visibilityState === 'hidden');
    await missAClear(missing, clearing);

    await context.session.show(missing);
    await waitFor(missing, 'the cache to be emptied on becoming visible', () => window.tab.cache.size === 0);
    // It really went hidden and came back, and the check (not a nudge) emptied it.
    assert.deepEqual(await missing.evaluate(() => window.tab.lifecycle), ['hidden', 'visible']);
    assert.deepEqual(await missing.evaluate(() => window.tab.causes), ['check']);
    await assertNoProblems([missing, clearing]);
  },
};

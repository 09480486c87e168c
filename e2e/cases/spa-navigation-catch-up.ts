// A visible tab that missed the nudge empties its cache on the app's next same-document
// navigation (a router's history.pushState). installAutoCheck() listens to the Navigation API's
// `navigate` event where the engine has it and wraps history.pushState otherwise: the case pins
// which path each engine takes, so both are proven.
import assert from 'node:assert/strict';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems, openAppTab } from './app-tab';
import type { BrowserCase } from './browser-case';
import { catchUpQuery, missAClear } from './missed-nudge';

export const spaNavigationCatchUp: BrowserCase = {
  name: 'a tab that missed the nudge empties its cache on an SPA navigation',
  async run(context) {
    const query = catchUpQuery('navigation');
    const clearing = await openAppTab(context, query);
    const missing = await openAppTab(context, query); // opened last: visible the whole case
    await missAClear(missing, clearing);

    // Engine difference: WebKitGTK 2.50 has no Navigation API (Chromium and Firefox ESR 153 do).
    const hasNavigationApi = await missing.evaluate(() => typeof (window as { navigation?: unknown }).navigation === 'object');
    assert.equal(hasNavigationApi, context.engine !== 'webkit', 'Navigation API presence');
    context.note(hasNavigationApi ? 'caught up through the Navigation API' : 'caught up through the wrapped history.pushState');

    // A person follows a link that the app's router handles with history.pushState.
    await missing.evaluate(() => document.querySelector<HTMLAnchorElement>('a[data-route="two"]')!.click());
    await waitFor(missing, 'the cache to be emptied on the navigation', () => window.tab.cache.size === 0);
    assert.deepEqual(await missing.evaluate(() => window.tab.routes), ['two']);
    assert.deepEqual(await missing.evaluate(() => window.tab.lifecycle), []);
    assert.deepEqual(await missing.evaluate(() => window.tab.causes), ['check']);
    await assertNoProblems([missing, clearing]);
  },
};

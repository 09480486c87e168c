// A tab that missed a nudge catches up through installAutoCheck() when it thaws (`resume`).
// Chromium only: freezing a page needs CDP (Page.setWebLifecycleState); neither WebDriver BiDi in
// Firefox nor classic WebDriver in WebKit can freeze one. The catch-ups every engine can show
// (becoming visible, SPA navigation) are cross-engine cases: e2e/cases/. The missed nudge is
// dropped on arrival by a test notifier, since a CDP freeze does not hold BroadcastChannel
// messages back.
import type { Page } from '@playwright/test';
import { expect, realLifecycleTest as test } from './support/fixtures';
import { openTab, uniqueNamespace } from './support/tabs';

/** A test-steerable channel, and every auto-check trigger on (no interval: only events may catch up). */
const tabQuery = (label: string): string => `?ns=${uniqueNamespace(label)}&notifier=test&auto`;

/** Fills the tab's cache, then makes it deaf to nudges. */
async function fillAndStopHearing(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.tab.fill(3, 'before-the-clear');
    window.tab.notifier!.dropping = true;
  });
}

/** Waits until the tab has dropped the nudge of the other tab's clear. */
async function nudgeDropped(page: Page): Promise<void> {
  await page.waitForFunction(() => window.tab.notifier!.dropped === 1);
}

test('a frozen tab that missed the nudge empties its cache on resume', async ({ lifecycle }) => {
  const query = tabQuery('frozen');
  const missing = await openTab(lifecycle.context, query);
  const clearing = await openTab(lifecycle.context, query); // in front: `missing` stays hidden throughout
  await fillAndStopHearing(missing);
  const cdp = await lifecycle.context.newCDPSession(missing);

  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await clearing.evaluate(() => window.tab.clear());
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });

  await missing.waitForFunction(() => window.tab.cache.size === 0);
  await nudgeDropped(missing);
  // It was really frozen and thawed, and stayed hidden: `resume` is what made it check.
  expect(await missing.evaluate(() => window.tab.lifecycle)).toEqual(['hidden', 'freeze', 'resume']);
  expect(await missing.evaluate(() => window.tab.causes)).toEqual(['check']);
});

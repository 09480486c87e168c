// Case 3: a tab that missed a nudge catches up through installAutoCheck() when it becomes
// visible, when it thaws (`resume`), and on an SPA navigation. The tabs run in a browser with a
// real page lifecycle; the missed nudge is dropped on arrival by a test notifier, since a CDP
// freeze does not hold BroadcastChannel messages back.
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

test('a hidden tab that missed the nudge empties its cache when it becomes visible', async ({ lifecycle }) => {
  const query = tabQuery('hidden');
  const missing = await openTab(lifecycle.context, query);
  const clearing = await openTab(lifecycle.context, query); // opened last, so it is the front tab
  expect(await missing.evaluate(() => document.visibilityState)).toBe('hidden');
  await fillAndStopHearing(missing);

  await clearing.evaluate(() => window.tab.clear());
  await nudgeDropped(missing);
  // Stale for now: no check has run, so the library could not know yet.
  expect(await missing.evaluate(() => window.tab.cache.size)).toBe(3);

  await missing.bringToFront();
  await missing.waitForFunction(() => window.tab.cache.size === 0);
  expect(await missing.evaluate(() => window.tab.lifecycle)).toEqual(['hidden', 'visible']);
  expect(await missing.evaluate(() => window.tab.causes)).toEqual(['check']);
});

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

test('a visible tab that missed the nudge empties its cache on an SPA navigation', async ({ lifecycle }) => {
  const query = tabQuery('navigation');
  const clearing = await openTab(lifecycle.context, query);
  const missing = await openTab(lifecycle.context, query); // opened last: visible the whole test
  await fillAndStopHearing(missing);

  await clearing.evaluate(() => window.tab.clear());
  await nudgeDropped(missing);
  expect(await missing.evaluate(() => window.tab.cache.size)).toBe(3);

  // A person follows a link that the app's router handles with history.pushState.
  await missing.getByText('route two').click();
  await missing.waitForFunction(() => window.tab.cache.size === 0);
  expect(await missing.evaluate(() => window.tab.routes)).toEqual(['two']);
  expect(await missing.evaluate(() => window.tab.lifecycle)).toEqual([]);
  expect(await missing.evaluate(() => window.tab.causes)).toEqual(['check']);
});

// Case 4: a page restored from the back/forward cache finds its cache already emptied when the
// app's own `pageshow` listener reads it, although another tab cleared while it was cached.
//
// Chromium evicts a cached page that receives a BroadcastChannel message, and an evicted page
// reloads from scratch, which would prove nothing. The library avoids that itself: with the
// default channel, installAutoCheck() closes it on a persisted `pagehide` and reopens it on
// `pageshow` (src/page/back-forward-cache.ts). So the page under test uses the default
// hub, and the other tab's nudge finds no listener, as in Safari, which drops such messages.
// That the page was not evicted is itself checked: `persisted` must be true.
import type { BrowserContext, Page } from '@playwright/test';
import { launchOptions } from './support/browser';
import { expect, test } from './support/fixtures';
import { openTab } from './support/tabs';

// Playwright turns the back/forward cache off by default; this file needs it on.
test.use({ launchOptions: { ...launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

/** Leaves `page` by a link, clears in `clearing` meanwhile, goes back and waits for the restore's pageshow. */
async function clearWhileInCache(page: Page, clearing: Page): Promise<void> {
  await page.evaluate(() => window.tab.fill(3, 'before-the-clear'));
  await page.locator('#leave').click();
  await page.waitForURL(/elsewhere\.html$/);
  await clearing.evaluate(() => window.tab.clear());
  // A restore fires no `load`, so wait only for the navigation to commit.
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => window.tab?.pageshows.length === 2);
}

async function openPair(context: BrowserContext, query: string): Promise<[Page, Page]> {
  const restored = await openTab(context, query);
  const clearing = await openTab(context);
  return [restored, clearing];
}

test('a page restored from the back/forward cache has its cache emptied before the app reads it', async ({ context }) => {
  const [restored, clearing] = await openPair(context, '?auto');
  await clearWhileInCache(restored, clearing);

  // Restored, not reloaded; and the app's pageshow listener read an empty cache.
  expect(await restored.evaluate(() => window.tab.pageshows)).toEqual([
    { persisted: false, sizeAtShow: 0 },
    { persisted: true, sizeAtShow: 0 },
  ]);
  // Emptied at the restore; and again at the first read if the clear is under 1 s old (rule F3
  // of docs/protocol.md: inside the clock slack a first read cannot tell, so it empties).
  const atRestore = await restored.evaluate(() => window.tab.causes);
  expect(atRestore[0]).toBe('precaution');
  expect(atRestore.every((cause) => cause === 'precaution')).toBe(true);

  // The channel is open again: the next clear reaches the page at once, through its nudge.
  await restored.waitForFunction(() => window.tab.isReady());
  const precautions = (await restored.evaluate(() => window.tab.causes)).length;
  await restored.evaluate(() => window.tab.fill(2, 'after-the-restore'));
  await clearing.evaluate(() => window.tab.clear());
  await restored.waitForFunction(() => window.tab.cache.size === 0);
  expect(await restored.evaluate(() => window.tab.causes)).toEqual([...Array<string>(precautions).fill('precaution'), 'nudge']);
  const [row] = await restored.evaluate(() => window.tab.rows());
  expect(row).toMatchObject({ precautionClears: precautions, externalClears: 1, ownClears: 0 });
});

test('a pageshow listener the app added before installAutoCheck() reads an empty cache', async ({ context }) => {
  // Chromium runs the listeners of an event fired at the window in the order they were added,
  // capture or not, so the library empties the caches on the persisted pagehide as well.
  const [restored, clearing] = await openPair(context, '?auto&pageshowFirst');
  await clearWhileInCache(restored, clearing);

  expect(await restored.evaluate(() => window.tab.pageshows)).toEqual([
    { persisted: false, sizeAtShow: 0 },
    { persisted: true, sizeAtShow: 0 },
  ]);
});

// A page restored from the back/forward cache finds its cache already emptied when the app's own
// `pageshow` listener reads it, although another tab cleared while it was cached; and its channel
// works again afterwards. The page leaves by a link and comes back through the adapter's goBack().
//
// Chromium evicts a cached page that receives a BroadcastChannel message (an evicted page reloads,
// which would prove nothing); the library avoids that itself: with the default channel,
// installAutoCheck() closes it on a persisted `pagehide` and reopens it on `pageshow`. So the page
// uses the default hub. That the page was restored, not reloaded, is itself checked: `persisted`.
import assert from 'node:assert/strict';
import type { EngineTab } from '../drivers/engine';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems, openAppTab } from './app-tab';
import type { BrowserCase, CaseContext } from './browser-case';

/** Leaves `tab` by a link, clears in `clearing` meanwhile, goes back and waits for the tab page to show again. */
async function clearWhileInCache(context: CaseContext, query: string): Promise<{ restored: EngineTab; clearing: EngineTab }> {
  const clearing = await openAppTab(context);
  const restored = await openAppTab(context, query); // opened last: the front tab
  await restored.evaluate(() => window.tab.fill(3, 'before-the-clear'));
  // Navigations start after the command has answered, so the driver never waits on them.
  await restored.evaluate(() => void setTimeout(() => document.getElementById('leave')!.click(), 0));
  await waitFor(restored, 'the other document to load', () => location.pathname.endsWith('/elsewhere.html') && document.readyState === 'complete');
  await clearing.evaluate(() => window.tab.clear());
  await restored.goBack();
  await waitFor(restored, 'the tab page to show again', () => location.pathname.endsWith('/tab.html') && (window.tab?.pageshows.length ?? 0) > 0);
  return { restored, clearing };
}

export const backForwardCacheRestore: BrowserCase = {
  name: 'a page restored from the back/forward cache has its cache emptied before the app reads it',
  async run(context) {
    const { restored, clearing } = await clearWhileInCache(context, '?auto');

    // Restored, not reloaded; and the app's pageshow listener read an empty cache.
    assert.deepEqual(await restored.evaluate(() => window.tab.pageshows), [
      { persisted: false, sizeAtShow: 0 },
      { persisted: true, sizeAtShow: 0 },
    ]);
    assert.deepEqual(await restored.evaluate(() => window.tab.causes), ['precaution']);

    // The channel is open again: the next clear reaches the page at once, through its nudge.
    await waitFor(restored, 'the restored page to read the marker', () => window.tab.isReady());
    await restored.evaluate(() => window.tab.fill(2, 'after-the-restore'));
    await clearing.evaluate(() => window.tab.clear());
    await waitFor(restored, 'the next nudge to empty the restored page', () => window.tab.cache.size === 0);
    assert.deepEqual(await restored.evaluate(() => window.tab.causes), ['precaution', 'nudge']);
    const [row] = await restored.evaluate(() => window.tab.rows());
    assert.deepEqual([row.precautionClears, row.externalClears, row.ownClears], [1, 1, 0]);
    await assertNoProblems([restored, clearing]);
  },
};

export const backForwardCacheListenerOrder: BrowserCase = {
  name: 'a pageshow listener the app added before installAutoCheck() reads an empty cache after a restore',
  async run(context) {
    // Listeners of an event fired at the window run in the order they were added, capture or
    // not, so the library empties the caches on the persisted pagehide as well.
    const { restored } = await clearWhileInCache(context, '?auto&pageshowFirst');
    assert.deepEqual(await restored.evaluate(() => window.tab.pageshows), [
      { persisted: false, sizeAtShow: 0 },
      { persisted: true, sizeAtShow: 0 },
    ]);
  },
};

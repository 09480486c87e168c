// TanStack Query bridge: a page restored from the back/forward cache (see back-forward-cache.spec.ts
// for why the page uses the library's own channel and how the restore is driven).
import { launchOptions } from './support/browser';
import { cacheQueries, openQueryTab, refetchedFresh } from './support/bridges-query-tabs';
import { expect, test } from './support/fixtures';
import { uniqueNamespace } from './support/tabs';

// Playwright turns the back/forward cache off by default; this file needs it on.
test.use({ launchOptions: { ...launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

test('a page restored from the back/forward cache invalidates and refetches what it observes', async ({ context }) => {
  // The library's own channel, which it closes while the page is cached (a message would evict it).
  const query = `?ns=${uniqueNamespace('query-bfcache')}&channel=default`;
  const restored = await openQueryTab(context, query);
  const invalidating = await openQueryTab(context, query);
  await cacheQueries(restored);

  await restored.locator('#leave').click();
  await restored.waitForURL(/elsewhere\.html$/);
  await invalidating.evaluate(() => window.q.changeAndInvalidate(['todos']));
  await restored.goBack({ waitUntil: 'commit' });
  await restored.waitForFunction(() => window.q?.pageshows.length === 2);
  // Restored, not reloaded (Chromium evicts a page that receives a channel message while cached).
  expect(await restored.evaluate(() => window.q.pageshows)).toEqual([false, true]);

  // A restore empties every cache as a precaution (a missed clear cannot be ruled out), so the
  // other scope is invalidated too, and the observed list is refetched by this tab, once: nothing
  // was fetched on the way into the cache (a fetch in flight would keep a real page out of it).
  await refetchedFresh(restored, { precaution: true });
  expect(await restored.evaluate(() => window.q.state(['user'])!.isInvalidated)).toBe(true);
});

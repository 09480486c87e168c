// Cross-tab invalidation for TanStack Query (local-sync-cache/tanstack-query) in Chromium tabs:
// an invalidation in one tab makes the matching queries of every other tab invalid, and each tab
// refetches what it observes with its own fetch (the data says which tab fetched it). Tabs that
// lost the nudge catch up at their next check; a tab opened afterwards does not serve a query
// restored from before the invalidation as fresh.
import type { BrowserContext, Page } from '@playwright/test';
import { launchOptions } from './support/browser';
import { expect, realLifecycleTest, test } from './support/fixtures';
import { serverUrl, uniqueNamespace } from './support/tabs';

async function openQueryTab(context: BrowserContext, query: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(serverUrl(`/e2e/pages/bridges-query.html${query}`));
  await page.waitForFunction(() => window.q?.isReady());
  return page;
}

const TODOS = ['todos', 'list'];

/** Observes the todo list and caches two more queries without observers. */
async function cacheQueries(page: Page): Promise<void> {
  await page.evaluate(async (todos) => {
    await window.q.observe(todos);
    await window.q.prefetch(['todos', 2]);
    await window.q.prefetch(['user']);
  }, TODOS);
}

/** Waits until the observed list was refetched in `page` and shows version 2. */
async function refetchedFresh(page: Page, { otherScopeUntouched = true } = {}): Promise<void> {
  await page.waitForFunction((todos) => String(window.q.state(todos)?.data).includes('@v2'), TODOS);
  const state = await page.evaluate(() => ({
    list: window.q.state(['todos', 'list']),
    unobserved: window.q.state(['todos', 2]),
    user: window.q.state(['user']),
    fetches: window.q.fetches,
  }));
  expect(state.list!.isInvalidated).toBe(false);
  // Fetched by this tab: its 4th fetch (3 at start, then the refetch), never a value sent over.
  expect(state.list!.data).toBe('["todos","list"]@v2#4');
  expect(state.fetches.filter((key) => key === '["todos","list"]')).toHaveLength(2);
  // Unobserved: invalid, refetched by whoever observes it next. Another scope: untouched.
  expect(state.unobserved!.isInvalidated).toBe(true);
  if (otherScopeUntouched) expect(state.user!.isInvalidated).toBe(false);
}

for (const count of [2, 4]) {
  test(`${count} tabs: an invalidation in one invalidates the matching queries of every other, each refetching what it observes`, async ({ context }) => {
    const query = `?ns=${uniqueNamespace(`query-${count}`)}`;
    const tabs = [];
    for (let index = 0; index < count; index += 1) tabs.push(await openQueryTab(context, query));
    const [invalidating, ...others] = tabs;
    for (const page of others) await cacheQueries(page);

    await invalidating.evaluate(() => window.q.changeAndInvalidate(['todos']));
    for (const page of others) await refetchedFresh(page);
    expect(await invalidating.evaluate(() => window.q.fetches)).toEqual([]);
  });
}

realLifecycleTest('a hidden tab that lost the nudge invalidates and refetches when it becomes visible', async ({ lifecycle }) => {
  const query = `?ns=${uniqueNamespace('query-hidden')}`;
  const missing = await openQueryTab(lifecycle.context, query);
  const invalidating = await openQueryTab(lifecycle.context, query); // opened last: in front
  expect(await missing.evaluate(() => document.visibilityState)).toBe('hidden');
  await cacheQueries(missing);
  await missing.evaluate(() => {
    window.q.notifier!.dropping = true;
  });

  await invalidating.evaluate(() => window.q.changeAndInvalidate(['todos']));
  await missing.waitForFunction(() => window.q.notifier!.dropped === 1);
  // Not yet: no check has run, so the tab could not know.
  expect(await missing.evaluate(() => window.q.state(['todos', 'list'])!.isInvalidated)).toBe(false);

  await missing.bringToFront();
  await refetchedFresh(missing);
});

realLifecycleTest('a frozen tab that lost the nudge invalidates and refetches when it resumes', async ({ lifecycle }) => {
  const query = `?ns=${uniqueNamespace('query-frozen')}`;
  const missing = await openQueryTab(lifecycle.context, query);
  const invalidating = await openQueryTab(lifecycle.context, query);
  await cacheQueries(missing);
  await missing.evaluate(() => {
    window.q.notifier!.dropping = true;
  });
  const cdp = await lifecycle.context.newCDPSession(missing);

  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await invalidating.evaluate(() => window.q.changeAndInvalidate(['todos']));
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });

  await refetchedFresh(missing);
  expect(await missing.evaluate(() => window.q.notifier!.dropped)).toBe(1);
  expect(await missing.evaluate(() => document.visibilityState)).toBe('hidden');
});

test('a tab opened afterwards does not serve a query restored from before the invalidation as fresh', async ({ context }) => {
  const query = `?ns=${uniqueNamespace('query-later')}`;
  const first = await openQueryTab(context, query);
  await cacheQueries(first);
  // What a persister saved before the invalidation.
  await first.evaluate(() => window.q.persist());
  await first.evaluate(() => window.q.changeAndInvalidate(['todos']));

  const later = await openQueryTab(context, `${query}&restore`);
  const restored = await later.evaluate(() => ({ list: window.q.state(['todos', 'list']), user: window.q.state(['user']) }));
  expect(restored.list).toEqual({ data: '["todos","list"]@v1#1', isInvalidated: true });
  expect(restored.user!.isInvalidated).toBe(false);
  await later.evaluate((todos) => window.q.observe(todos), TODOS);
  await later.waitForFunction((todos) => window.q.state(todos)?.data === '["todos","list"]@v2#1', TODOS);
});

test.describe('back/forward cache', () => {
  // Playwright turns the back/forward cache off by default; these tests need it on.
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
    expect(await restored.evaluate(() => window.q.pageshows)).toEqual([false, true]);

    // A restore empties every cache as a precaution (a missed clear cannot be ruled out), so
    // the other scope is invalidated too.
    await refetchedFresh(restored, { otherScopeUntouched: false });
  });
});

// Cross-tab invalidation for TanStack Query (local-sync-cache/tanstack-query) in Chromium tabs:
// an invalidation in one tab makes the matching queries of every other tab invalid, and each tab
// refetches what it observes with its own fetch (the data says which tab fetched it). Tabs that
// lost the nudge catch up at their next check; a tab opened afterwards does not serve a query
// restored from before the invalidation as fresh.
import { cacheQueries, openQueryTab, refetchedFresh, TODOS } from './support/bridges-query-tabs';
import { expect, realLifecycleTest, test } from './support/fixtures';
import { uniqueNamespace } from './support/tabs';

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

realLifecycleTest('a frozen tab that lost the nudge invalidates when it resumes, and refetches when shown', async ({ lifecycle }) => {
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

  // Still hidden: `resume` made it check, and the check invalidated the query. A hidden tab
  // fetches nothing; it refetches what it shows once it is shown.
  await missing.waitForFunction((todos) => window.q.state(todos)!.isInvalidated, TODOS, { polling: 50 });
  expect(await missing.evaluate(() => document.visibilityState)).toBe('hidden');
  expect(await missing.evaluate(() => window.q.notifier!.dropped)).toBe(1);
  await missing.bringToFront();
  await refetchedFresh(missing);
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

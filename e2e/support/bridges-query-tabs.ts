// Opening and driving the TanStack Query bridge page (e2e/pages/bridges-query.ts).
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { serverUrl } from './tabs';

export async function openQueryTab(context: BrowserContext, query: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(serverUrl(`/e2e/pages/bridges-query.html${query}`));
  await page.waitForFunction(() => window.q?.isReady());
  return page;
}

export const TODOS = ['todos', 'list'];

/** Observes the todo list and caches two more queries without observers. */
export async function cacheQueries(page: Page): Promise<void> {
  await page.evaluate(async (todos) => {
    await window.q.observe(todos);
    await window.q.prefetch(['todos', 2]);
    await window.q.prefetch(['user']);
  }, TODOS);
}

/** Waits until the observed list was refetched in `page` and shows version 2. */
/**
 * `precaution`: the tab emptied its caches as a precaution (a back/forward-cache restore does so
 * on pagehide and again on pageshow), which invalidates every scope.
 */
export async function refetchedFresh(page: Page, { precaution = false } = {}): Promise<void> {
  // Polled on a timer: the default, requestAnimationFrame, does not run in a tab that is not in front.
  await page.waitForFunction((todos) => String(window.q.state(todos)?.data).includes('@v2'), TODOS, { polling: 50 });
  const state = await page.evaluate(() => ({
    list: window.q.state(['todos', 'list']),
    unobserved: window.q.state(['todos', 2]),
    user: window.q.state(['user']),
    fetches: window.q.fetches,
  }));
  // After a back/forward-cache restore within 1 s of the clear, the first read empties once more
  // (rule F3 of docs/protocol.md: inside the clock slack it cannot tell), which costs one more
  // refetch; wait for it to settle before reading the state.
  if (precaution) await page.evaluate(() => window.q.settled());
  const after = precaution ? await page.evaluate(() => ({ list: window.q.state(['todos', 'list']), fetches: window.q.fetches })) : state;
  expect(after.list!.isInvalidated).toBe(false);
  // Fetched by this tab: its 4th fetch (3 at start, then the refetch), never a value sent over;
  // after a restore possibly its 5th (the F3 precaution).
  const listFetches = after.fetches.filter((key) => key === '["todos","list"]').length;
  expect(after.list!.data).toBe(`["todos","list"]@v2#${listFetches + 2}`);
  expect(listFetches).toBe(precaution ? Math.max(2, Math.min(listFetches, 3)) : 2);
  // Unobserved: invalid, refetched by whoever observes it next. Another scope: untouched.
  expect(state.unobserved!.isInvalidated).toBe(true);
  if (!precaution) expect(state.user!.isInvalidated).toBe(false);
}

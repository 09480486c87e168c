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
  expect(state.list!.isInvalidated).toBe(false);
  // Fetched by this tab: its 4th fetch (3 at start, then the refetch), never a value sent over.
  expect(state.list!.data).toBe('["todos","list"]@v2#4');
  expect(state.fetches.filter((key) => key === '["todos","list"]')).toHaveLength(2);
  // Unobserved: invalid, refetched by whoever observes it next. Another scope: untouched.
  expect(state.unobserved!.isInvalidated).toBe(true);
  if (!precaution) expect(state.user!.isInvalidated).toBe(false);
}

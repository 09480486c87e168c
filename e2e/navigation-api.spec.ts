// The Navigation API guard: checkCachesBefore(handler) from 'local-sync-cache/router', used as
// the README shows inside `navigation.addEventListener('navigate', e => e.intercept({ handler }))`
// (page: e2e/pages/navigation.ts). A tab that missed the nudge of another tab's clear must see
// its cache empty in the handler of its next same-document navigation, and the guard must never
// stop a navigation: not when the check empties something, not when it cannot check at all.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { serverUrl, uniqueNamespace } from './support/tabs';

/**
 * Opens the Navigation API app page. With `ready`, waits until its hub has read the shared marker
 * once, so that what follows starts from a known state (a store that never answers never gets there).
 */
async function openNavigationPage(context: BrowserContext, query: string, { ready = true } = {}): Promise<Page> {
  const page = await context.newPage();
  await page.goto(serverUrl(`/e2e/pages/navigation.html${query}`));
  await page.waitForFunction(() => window.nav !== undefined);
  if (ready) await page.waitForFunction(() => window.nav.isReady());
  return page;
}

/** Where the page's session history stands, read through the Navigation API itself. */
function historyOf(page: Page): Promise<{ entries: number; current: string | undefined; inTransition: boolean }> {
  return page.evaluate(() => ({
    entries: navigation.entries().length,
    current: navigation.currentEntry?.url ?? undefined,
    inTransition: navigation.transition !== null,
  }));
}

/** Fills the tab's cache, makes it deaf to nudges, and has the other tab clear the same id. */
async function clearWhileDeaf(clearing: Page, missing: Page, label: string): Promise<void> {
  await missing.evaluate((value) => {
    window.nav.fill(3, value);
    window.nav.notifier!.dropping = true;
  }, label);
  const droppedBefore = await missing.evaluate(() => window.nav.notifier!.dropped);
  // Resolves once the marker is written: from here on, any check in `missing` must find it.
  await clearing.evaluate(() => window.nav.clear());
  // Wait until the nudge has arrived and been dropped, so it cannot empty the cache late and
  // pass for the guard's work.
  await missing.waitForFunction((before) => window.nav.notifier!.dropped === before + 1, droppedBefore);
  // Stale for now: only a check can find the clear.
  expect(await missing.evaluate(() => window.nav.cache.size)).toBe(3);
}

test('the navigate handler wrapped in checkCachesBefore() sees the cache that another tab cleared already empty', async ({ context }) => {
  const query = `?ns=${uniqueNamespace('navigation-api')}&notifier=test`;
  const clearing = await openNavigationPage(context, query);
  const missing = await openNavigationPage(context, query);
  const start = await historyOf(missing);
  expect(start.entries).toBe(1);

  // Round 1: a person follows a link, which the app's navigate listener intercepts.
  await clearWhileDeaf(clearing, missing, 'before-the-first-clear');
  await missing.getByText('route two').click();
  await missing.waitForFunction(() => window.nav.outcomes.length === 1);

  const [first] = await missing.evaluate(() => window.nav.renders);
  // The handler ran after the check: it read an empty cache, at the new URL.
  expect(first).toEqual({ path: '/app/two', href: serverUrl('/app/two'), size: 0, entries: [], readyAtRender: true });
  // Neither cancelled nor redirected: it succeeded, added one entry, and ended where the link pointed.
  expect(await missing.evaluate(() => window.nav.outcomes)).toEqual(['navigatesuccess']);
  await expect(missing).toHaveURL(serverUrl('/app/two'));
  expect(await historyOf(missing)).toEqual({ entries: 2, current: serverUrl('/app/two'), inTransition: false });
  // The same document throughout (a real load would have lost window.nav), emptied by the check.
  expect(await missing.evaluate(() => window.nav.causes)).toEqual(['check']);
  await expect(missing.locator('#route')).toHaveText('/app/two');

  // Round 2: a programmatic navigation.navigate(), whose `finished` rejects if the navigation
  // is cancelled or fails, after a second clear the tab again did not hear.
  await clearWhileDeaf(clearing, missing, 'before-the-second-clear');
  // (The DOM typings mark the entry optional; a missing one fails the URL check below.)
  const finishedAt = await missing.evaluate(async () => (await navigation.navigate('/app/one').finished)?.url);
  expect(finishedAt).toBe(serverUrl('/app/one'));

  const renders = await missing.evaluate(() => window.nav.renders);
  expect(renders).toHaveLength(2);
  expect(renders[1]).toEqual({ path: '/app/one', href: serverUrl('/app/one'), size: 0, entries: [], readyAtRender: true });
  expect(await missing.evaluate(() => window.nav.outcomes)).toEqual(['navigatesuccess', 'navigatesuccess']);
  await expect(missing).toHaveURL(serverUrl('/app/one'));
  expect(await historyOf(missing)).toEqual({ entries: 3, current: serverUrl('/app/one'), inTransition: false });
  expect(await missing.evaluate(() => window.nav.causes)).toEqual(['check', 'check']);
  // Both nudges really were missed: the checks alone emptied the cache.
  expect(await missing.evaluate(() => window.nav.notifier!.dropped)).toBe(2);
});

interface Unchecked {
  name: string;
  /** Runs in the page before its scripts, if the case needs a broken IndexedDB. */
  script?: () => void;
  /** Query beyond the namespace. */
  query: string;
  /** Whether the hub can finish its first marker read at all. */
  ready: boolean;
  /** Puts the page in the state under test, once it has cached something. */
  prepare?: (page: Page) => Promise<void>;
  /** What the handler must have seen, beyond the route. */
  seen: Partial<{ size: number; readyAtRender: boolean }>;
}

const uncheckedCases: Unchecked[] = [
  {
    name: "the guard's hub is closed",
    query: '',
    ready: true,
    prepare: (page) => page.evaluate(() => window.nav.hub.close()),
    // A closed hub checks nothing, so nothing is emptied; the handler still runs.
    seen: { size: 3 },
  },
  {
    name: 'there is no IndexedDB to hold the markers',
    script: () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    },
    query: '',
    ready: true,
    // Without a store, the check is local-only: it has no other tab's clear to find.
    seen: { size: 3 },
  },
  {
    name: 'the store never answers',
    script: () => {
      // The database opens, but a read's events never fire: a store that hangs for good. (A hung
      // open() would not do: the library gives up on an open after 5 s, a limit a test must not race.)
      IDBObjectStore.prototype.get = () => ({}) as IDBRequest;
    },
    // The store deadline is far beyond the test's own timeout, so only the guard's maxWait can
    // let the navigation through; the check itself is still pending when the handler runs.
    query: '&storeTimeout=600000&maxWait=100',
    ready: false,
    seen: { readyAtRender: false },
  },
];

for (const unchecked of uncheckedCases) {
  test(`when ${unchecked.name}, the navigation still completes and its handler runs`, async ({ context }) => {
    if (unchecked.script) await context.addInitScript(unchecked.script);
    const page = await openNavigationPage(context, `?ns=${uniqueNamespace('navigation-unchecked')}${unchecked.query}`, { ready: unchecked.ready });
    await page.evaluate(() => window.nav.fill(3, 'cached'));
    await unchecked.prepare?.(page);

    // `finished` rejects if the guard threw, cancelled or hung without end (the test times out then).
    const finishedAt = await page.evaluate(async () => (await navigation.navigate('/app/two').finished)?.url);
    expect(finishedAt).toBe(serverUrl('/app/two'));

    const renders = await page.evaluate(() => window.nav.renders);
    expect(renders).toHaveLength(1);
    expect(renders[0]).toMatchObject({ path: '/app/two', href: serverUrl('/app/two'), ...unchecked.seen });
    expect(await page.evaluate(() => window.nav.outcomes)).toEqual(['navigatesuccess']);
    await expect(page).toHaveURL(serverUrl('/app/two'));
    expect(await historyOf(page)).toEqual({ entries: 2, current: serverUrl('/app/two'), inTransition: false });
  });
}

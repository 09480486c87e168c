// Router revalidation (local-sync-cache/router: a guard plus revalidateOnClear()) in real
// React Router, TanStack Router and Vue Router apps. A reader tab loses the nudge of a writer
// tab's clear (dropped on arrival by the test notifier, standing in for a hidden, frozen or
// suspended tab), then navigates: the guard's check empties its cache, and the page must show
// data computed after the change, with the loader of the new route run exactly once.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { serverUrl, uniqueNamespace } from './support/tabs';

interface Setup {
  /** The page's file name under e2e/pages/. */
  page: string;
  /** The path inside the app where the test starts (hash routers take it after #). */
  start: (query: string) => string;
}

const ROUTERS: Record<string, Setup> = {
  'React Router (data router)': { page: 'bridges-react-router.html', start: (query) => `/e2e/pages/bridges-react-router.html${query}` },
  'TanStack Router (intent preload)': { page: 'bridges-tanstack-router.html', start: (query) => `/e2e/pages/bridges-tanstack-router.html${query}#/a` },
  'Vue Router': { page: 'bridges-vue-router.html', start: (query) => `/e2e/pages/bridges-vue-router.html${query}#/a` },
};

async function openApp(context: BrowserContext, setup: Setup, ns: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(serverUrl(setup.start(`?ns=${ns}`)));
  await page.waitForFunction(() => window.app?.isReady() && window.app.isIdle());
  await expect(page.locator('#data')).toHaveText('a@v1');
  return page;
}

/** Waits until the router is idle and the data shown is `text`. */
async function settled(page: Page, text: string): Promise<void> {
  await expect(page.locator('#data')).toHaveText(text);
  await page.waitForFunction(() => window.app.isIdle());
}

for (const [name, setup] of Object.entries(ROUTERS)) {
  test(`${name}: a tab that lost the nudge navigates after a clear elsewhere, shows fresh data, runs the loader once`, async ({ context }) => {
    const ns = uniqueNamespace('bridges-router');
    const reader = await openApp(context, setup, ns);
    const writer = await openApp(context, setup, ns);
    await reader.evaluate(() => {
      window.app.notifier.dropping = true;
    });

    if (name.startsWith('TanStack')) {
      // Hovering the link runs b's loader now; without revalidation its v1 result is reused on click.
      await reader.hover('#to-b');
      await reader.waitForFunction(() => window.app.runs.includes('b'));
      await reader.waitForFunction(() => window.app.isIdle());
    }

    await writer.evaluate(() => window.app.change());
    await reader.waitForFunction(() => window.app.notifier.dropped === 1);
    // Still stale: nothing has told the reader yet.
    expect(await reader.evaluate(() => window.app.cache.get('a'))).toBe('a@v1');

    await reader.evaluate(() => {
      window.app.runs.length = 0;
    });
    await reader.click('#to-b');
    await settled(reader, 'b@v2');
    if (name.startsWith('React Router')) await expect(reader.locator('#layout')).toHaveText('layout@v2');
    const runs = await reader.evaluate(() => window.app.runs);
    expect(runs.filter((run) => run === 'b')).toEqual(['b']);
  });

  test(`${name}: a live tab shows fresh data for the page it is on when another tab clears`, async ({ context }) => {
    const ns = uniqueNamespace('bridges-router-live');
    const reader = await openApp(context, setup, ns);
    const writer = await openApp(context, setup, ns);
    await writer.evaluate(() => window.app.change());
    await settled(reader, 'a@v2');
  });
}

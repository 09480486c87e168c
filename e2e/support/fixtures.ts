// The tests every spec imports: Playwright's `test`, plus a log of each context's console that
// fails the test on any uncaught page error or unexpected console error; and a variant whose
// tabs live in a browser with a real page lifecycle (see lifecycle-browser.ts).
import { test as base, expect } from '@playwright/test';
import { BrowserLog } from './browser-log';
import { launchWithRealLifecycle, type LifecycleBrowser } from './lifecycle-browser';

export const test = base.extend<{ browserLog: BrowserLog }>({
  browserLog: [
    async ({ context }, use) => {
      const log = new BrowserLog().attach(context);
      await use(log);
      expect(log.problems(), 'pages threw or logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** Each test gets a fresh browser (and profile) of its own, closed after it. */
export const realLifecycleTest = base.extend<{ lifecycle: LifecycleBrowser; browserLog: BrowserLog }>({
  lifecycle: async ({}, use) => {
    const browser = await launchWithRealLifecycle();
    try {
      await use(browser);
    } finally {
      await browser.close();
    }
  },
  browserLog: [
    async ({ lifecycle }, use) => {
      const log = new BrowserLog().attach(lifecycle.context);
      await use(log);
      expect(log.problems(), 'pages threw or logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

// Opening the test tab page (e2e/pages/tab.html) and waiting until it is ready.
import type { BrowserContext, Page } from '@playwright/test';

/** The suite server's address (scripts/dev-server.mjs on the repository root), set by global setup. */
export function serverUrl(path: string): string {
  const base = process.env.E2E_BASE_URL;
  if (!base) throw new Error('E2E_BASE_URL is not set: run the suite with `npx playwright test` so global setup starts the server.');
  return new URL(path, base).href;
}

/**
 * Opens a tab of the test app in `context` (query: see e2e/pages/tab.ts) and waits until its
 * hub has read the shared marker once, so that what follows starts from a known state.
 */
export async function openTab(context: BrowserContext, query = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(serverUrl(`/e2e/pages/tab.html${query}`));
  await page.waitForFunction(() => window.tab?.isReady());
  return page;
}

/** A namespace no other test uses, for tests that share one browser profile. */
export function uniqueNamespace(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

// Launches Debian's Chromium through Playwright for the browser benchmarks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { assertBrowserInstalled, launchOptions } from '../../scripts/chromium.mjs';

/**
 * A persistent context, not Playwright's default one: default contexts are off the record,
 * and Chromium keeps off-the-record IndexedDB in memory. Apps run on a profile on disk.
 * CHROMIUM_PATH picks another build (e.g. Playwright's own); Debian's is the default here.
 */
export async function launchBrowser() {
  assertBrowserInstalled();
  const profile = await mkdtemp(join(tmpdir(), 'local-sync-cache-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions,
    headless: true,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A new tab on the bench page, once its script has defined `benchPage`. */
export async function openBenchPage(context, url) {
  const page = await context.newPage();
  // A page error would otherwise surface only as a hung or odd figure.
  page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => globalThis.benchPage !== undefined);
  return page;
}

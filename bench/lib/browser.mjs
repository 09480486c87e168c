// Launches Debian's Chromium through Playwright for the browser benchmarks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';

// Quiet on a closed network: no updaters, sync or QUIC probes competing with the figures.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/**
 * A persistent context, not Playwright's default one: default contexts are off the record,
 * and Chromium keeps off-the-record IndexedDB in memory. Apps run on a profile on disk.
 * CHROMIUM_PATH picks another build (e.g. Playwright's own); Debian's is the default here.
 */
export async function launchBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'local-sync-cache-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: FLAGS,
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

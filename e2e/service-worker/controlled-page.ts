// What both service-worker specs do to a page and its worker.
import { type CDPSession, expect, type Page } from '@playwright/test';

/** Opens the test page in the test's fresh context and waits until the worker `script` controls it. */
export async function openControlledPage(page: Page, url: string, script = '/sw.js'): Promise<void> {
  await page.goto(`${url}/`);
  await page.waitForFunction(() => typeof window.harness === 'object');
  await page.evaluate((worker) => window.harness.register(worker), script);
}

/** Stops every running service worker of the page's context, as the browser does to an idle one. */
export async function stopServiceWorkers(page: Page): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const versions = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const version of updated) versions.set(version.versionId, version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => [...versions.values()].includes('running')).toBe(true);
  for (const [versionId, status] of versions) {
    if (status === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId });
  }
  await expect.poll(() => [...versions.values()].every((status) => status === 'stopped')).toBe(true);
  await cdp.detach();
}

// The demo, driven as a person would: three realms side by side on the demo page, served by the
// demo's own server (demo/demo-server.mjs: the page tree, the server feed, the service worker).
// Realm C is deafened; a rename in realm A reaches B at once, while C keeps its old URLs until
// "Check now" finds the clear it missed. The test writes a screenshot of the demo to its output.
import type { FrameLocator, Page } from '@playwright/test';
import { startDemoServer } from '../demo/demo-server.mjs';
import type { DevServer } from '../scripts/dev-server.mjs';
import { expect, test } from './support/fixtures';

let server: DevServer;

// A fresh server per test: the page tree lives in its memory, and each test starts from the seed.
test.beforeEach(async () => {
  server = await startDemoServer();
});
test.afterEach(async () => {
  await server?.close();
});

/** Opens the demo page and waits until all three realms show their URLs. */
async function openDemo(page: Page): Promise<[FrameLocator, FrameLocator, FrameLocator]> {
  // Wide enough for the three realms side by side, as a person would see them.
  await page.setViewportSize({ width: 1360, height: 820 });
  await page.goto(`${server.url}/`);
  const realms = (['Realm A', 'Realm B', 'Realm C'] as const).map((name) => page.frameLocator(`iframe[title="${name}"]`));
  for (const realm of realms) await expect(teamRow(realm)).toContainText('/about/team/');
  return realms as [FrameLocator, FrameLocator, FrameLocator];
}

const teamRow = (realm: FrameLocator) => realm.getByRole('row', { name: /^Team/ });
const timelineOf = (realm: FrameLocator) => realm.getByRole('list', { name: 'Timeline' });

test('a deaf realm keeps its old URLs until "Check now", then shows the new ones', async ({ page }, testInfo) => {
  const [a, b, c] = await openDemo(page);

  await c.getByRole('button', { name: 'Deafen' }).click();
  await expect(c.getByRole('button', { name: 'Hear again' })).toBeVisible();

  await a.getByLabel('Slug of About').fill('about-us');
  await a.getByRole('button', { name: 'Rename About' }).click();

  // B heard the nudge and recomputed every URL below the renamed page.
  await expect(teamRow(b)).toContainText('/about-us/team/');
  await expect(b.getByRole('row', { name: /^Contact/ })).toContainText('/about-us/contact/');
  await expect(timelineOf(b)).toContainText('nudge heard: emptied at once');
  // C saw the nudge go by without hearing it, and A's clear is committed: only now is "still
  // old" a fact rather than "not yet new", and a check is sure to find the clear.
  await expect(timelineOf(c)).toContainText('nudge for page-urls dropped (deaf)');
  await expect(timelineOf(a)).toContainText('clear committed');
  await expect(teamRow(c)).toContainText('/about/team/');
  await expect(c.getByRole('row', { name: /^Contact/ })).toContainText('/about/contact/');

  await c.getByRole('button', { name: 'Check now' }).click();
  await expect(teamRow(c)).toContainText('/about-us/team/');
  await expect(timelineOf(c)).toContainText('a check found a clear it had missed: emptied');
  await expect(timelineOf(c)).toContainText('check now: emptied page-urls');

  await page.screenshot({ path: testInfo.outputPath('demo.png') });
});

test('a clear the server publishes reaches every realm through the one that holds the feed', async ({ page }) => {
  const realms = await openDemo(page);
  const panel = page.getByRole('region', { name: 'Server' });
  await panel.getByLabel('Page to rename on the server').selectOption({ label: 'Team' });
  await panel.getByLabel('New slug on the server').fill('people');
  await panel.getByRole('button', { name: 'Rename on the server' }).click();
  for (const realm of realms) await expect(teamRow(realm)).toContainText('/about/people/');
  await expect(panel).toContainText('1 published');
});

// The demo, driven as a person would: open it, open a second tab with its button, rename a
// page in the first tab, and see the new URLs in the second.
import { expect, test } from './support/fixtures';
import { serverUrl } from './support/tabs';

test('renaming a page in one demo tab shows the new URLs in another', async ({ context }, testInfo) => {
  const first = await context.newPage();
  await first.goto(serverUrl('/demo/'));
  await expect(first.getByRole('row', { name: /^Team/ })).toContainText('/about/team/');

  const opened = context.waitForEvent('page');
  await first.getByRole('button', { name: 'Open another tab' }).click();
  const second = await opened;
  const teamInSecond = second.getByRole('row', { name: /^Team/ });
  await expect(teamInSecond).toContainText('/about/team/');

  await first.getByLabel('Slug of About').fill('about-us');
  await first.getByRole('button', { name: 'Rename About' }).click();

  // The second tab recomputes every URL below the renamed page.
  await expect(teamInSecond).toContainText('/about-us/team/');
  await expect(second.getByRole('row', { name: /^Contact/ })).toContainText('/about-us/contact/');
  await expect(second.getByRole('row', { name: /^Blog/ })).toContainText('/blog/');
  // Its live information table shows the clear it heard from the first tab.
  const externalClears = second.getByRole('row', { name: /^externalClears/ }).getByRole('cell');
  await expect(externalClears).toHaveText('1');
  await expect(first.getByRole('row', { name: /^ownClears/ }).getByRole('cell')).toHaveText('1');

  await second.screenshot({ path: testInfo.outputPath('second-tab-after-rename.png'), fullPage: true });
  await first.screenshot({ path: testInfo.outputPath('first-tab-after-rename.png'), fullPage: true });
});

// dist/ loaded as plain ES modules in Chromium, no bundler: the development guard must not touch
// a `process` global that does not exist, and the page runs the production code path (errors
// carry their short code). A clear in one such tab still empties the other.
import { expect, test } from './support/fixtures';
import { serverUrl, uniqueNamespace } from './support/tabs';

declare global {
  interface Window {
    unbundled: {
      hasProcess: boolean;
      fill(key: string, value: string): void;
      size(): number;
      clear(): Promise<void>;
      check(): Promise<unknown>;
      badId(): { name: string; message: string } | null;
      duplicateId(): { name: string; message: string } | null;
    };
  }
}

test('the unbundled ESM build runs without a process global and throws short error codes', async ({ context }) => {
  const namespace = uniqueNamespace('unbundled');
  const errors: string[] = [];
  const open = async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(serverUrl(`/e2e/pages/unbundled.html?namespace=${namespace}`));
    await page.waitForFunction(() => window.unbundled !== undefined);
    return page;
  };
  const first = await open();
  const second = await open();

  expect(await first.evaluate(() => window.unbundled.hasProcess)).toBe(false);
  expect(await first.evaluate(() => window.unbundled.badId())).toEqual({ name: 'TypeError', message: 'local-sync-cache: bad-id (see "Errors" in the README)' });
  expect(await first.evaluate(() => window.unbundled.duplicateId())).toEqual({ name: 'Error', message: 'local-sync-cache: duplicate-id (see "Errors" in the README)' });

  await second.evaluate(() => window.unbundled.fill('a', '/a/'));
  await first.evaluate(() => window.unbundled.clear());
  await expect.poll(() => second.evaluate(() => window.unbundled.size())).toBe(0);
  expect(errors).toEqual([]);
});

// Case 7: the library runs in a page served with a strict Content-Security-Policy and Trusted
// Types (`script-src 'self'; require-trusted-types-for 'script'`), cross-origin isolated too,
// without a single violation, and still syncs two tabs.
import type { BrowserContext, Page } from '@playwright/test';
import { STRICT_CSP } from '../scripts/static-server.mjs';
import { expect, test } from './support/fixtures';
import { serverUrl } from './support/tabs';

async function openStrictPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(serverUrl('/e2e/pages/strict-csp.html?csp=strict&isolated'));
  // The policy is really in force for this page, not just named in the URL.
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
  await expect(page.locator('#status')).toHaveAttribute('data-ready', 'true');
  return page;
}

test('under a strict CSP with Trusted Types the library syncs two tabs without a violation', async ({ context, browserLog }) => {
  const tabA = await openStrictPage(context);
  const tabB = await openStrictPage(context);
  const statusB = tabB.locator('#status');

  await tabB.getByRole('button', { name: 'Fill' }).click();
  await expect(statusB).toHaveAttribute('data-size', '3');
  await tabA.getByRole('button', { name: 'Clear' }).click();
  await expect(statusB).toHaveAttribute('data-size', '0');
  await expect(statusB).toHaveAttribute('data-external-clears', '1');
  await expect(tabA.locator('#status')).toHaveAttribute('data-own-clears', '1');
  await expect(statusB).toHaveAttribute('data-sharing', 'indexeddb');
  await expect(statusB).toHaveAttribute('data-isolated', 'true');

  for (const page of [tabA, tabB]) expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(browserLog.problems()).toEqual([]);

  // Control: the policy is enforced and a violation would have been seen. A string assigned to
  // innerHTML is refused under Trusted Types and reported.
  browserLog.allowErrors(/TrustedHTML/);
  const refused = await tabB.evaluate(() => {
    try {
      document.body.innerHTML = '<b>not trusted</b>';
      return false;
    } catch {
      return true;
    }
  });
  expect(refused).toBe(true);
  await expect.poll(() => tabB.evaluate(() => window.cspViolations.length)).toBe(1);
});

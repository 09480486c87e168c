// The library in a page served with a strict Content-Security-Policy and Trusted Types
// (`script-src 'self'; require-trusted-types-for 'script'`), cross-origin isolated too: it syncs
// two tabs without a single violation. A control then shows the policy is enforced, so "no
// violation" means something: a string assigned to innerHTML is refused and reported.
// (Page: e2e/pages/strict-csp.html; the server applies the policy for ?csp=strict.)
import assert from 'node:assert/strict';
import { STRICT_CSP } from '../../scripts/dev-server.mjs';
import type { EngineTab } from '../drivers/engine';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems } from './app-tab';
import type { BrowserCase, CaseContext } from './browser-case';

async function openStrictPage(context: CaseContext): Promise<EngineTab> {
  const tab = await context.session.openTab(context.url('/e2e/pages/strict-csp.html?csp=strict&isolated'));
  await waitFor(tab, 'the strict page to be ready', () => document.getElementById('status')?.dataset.ready === 'true');
  return tab;
}

/** The status element's data attributes, which the page keeps up to date. */
const statusOf = (tab: EngineTab): Promise<Record<string, string | undefined>> => tab.evaluate(() => ({ ...document.getElementById('status')!.dataset }));

export const strictCsp: BrowserCase = {
  name: 'under a strict CSP with Trusted Types the library syncs two tabs without a violation',
  async run(context) {
    const tabA = await openStrictPage(context);
    const tabB = await openStrictPage(context);
    // The policy really is in force for this page: the same URL answers with it.
    const header = await tabA.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    assert.equal(header, STRICT_CSP);

    await tabB.evaluate(() => document.getElementById('fill')!.click());
    await waitFor(tabB, 'B to hold three entries', () => document.getElementById('status')!.dataset.size === '3');
    await tabA.evaluate(() => document.getElementById('clear')!.click());
    await waitFor(tabB, "B to be emptied by A's clear", () => document.getElementById('status')!.dataset.externalClears === '1');
    await waitFor(tabA, 'A to count its clear', () => document.getElementById('status')!.dataset.ownClears === '1');
    const statusB = await statusOf(tabB);
    assert.equal(statusB.size, '0');
    assert.equal(statusB.sharing, 'indexeddb');
    assert.equal(statusB.isolated, 'true');

    for (const tab of [tabA, tabB]) assert.deepEqual(await tab.evaluate(() => window.cspViolations), []);
    await assertNoProblems([tabA, tabB]);

    // Control: Trusted Types are enforced, and a violation would have been seen.
    const refused = await tabB.evaluate(() => {
      try {
        document.body.innerHTML = '<b>not trusted</b>';
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(refused, true, 'a string assigned to innerHTML was not refused: Trusted Types are not enforced');
    await waitFor(tabB, 'the refused assignment to be reported', () => window.cspViolations.length === 1);
  },
};

// Engine difference: a page whose app keeps a BroadcastChannel open (here the test notifier's
// channel, which the library does not close on `pagehide`, unlike its default one) and what the
// back/forward cache does with it, with and without a message posted while the page is cached.
// Whatever the engine does, the app must find its cache empty when it reads it on `pageshow`.
import assert from 'node:assert/strict';
import type { EngineName } from '../drivers/engine';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems, openAppTab, uniqueNamespace } from './app-tab';
import type { BrowserCase, CaseContext } from './browser-case';

interface Seen {
  /** Whether the page came back from the back/forward cache (else it was loaded again). */
  restored: boolean;
  sizeAtShow: number;
  causes: string[];
}

/** Leaves the tab page by a link; with `clearMeanwhile`, another tab clears (posts a nudge) while it is away; goes back. */
async function leaveAndReturn(context: CaseContext, clearMeanwhile: boolean): Promise<Seen> {
  const query = `?ns=${uniqueNamespace('bfcache-channel')}&notifier=test`;
  const clearing = await openAppTab(context, query);
  const page = await openAppTab(context, `${query}&auto`); // opened last: the front tab
  await page.evaluate(() => window.tab.fill(3, 'before-leaving'));
  await page.evaluate(() => void setTimeout(() => document.getElementById('leave')!.click(), 0));
  await waitFor(page, 'the other document to load', () => location.pathname.endsWith('/elsewhere.html') && document.readyState === 'complete');
  if (clearMeanwhile) await clearing.evaluate(() => window.tab.clear());
  await page.goBack();
  await waitFor(page, 'the tab page to show again', () => location.pathname.endsWith('/tab.html') && (window.tab?.pageshows.length ?? 0) > 0);
  await waitFor(page, 'the page to read the marker', () => window.tab.isReady());
  const pageshows = await page.evaluate(() => window.tab.pageshows);
  const last = pageshows[pageshows.length - 1];
  const seen = { restored: last.persisted, sizeAtShow: last.sizeAtShow, causes: await page.evaluate(() => window.tab.causes) };
  await assertNoProblems([page, clearing]);
  return seen;
}

/** What each engine was seen to do (Chromium 156, Firefox ESR 153, WebKitGTK 2.50). */
const expected: Record<EngineName, { quiet: Seen; messaged: Seen }> = {
  // Caches the page; evicts it when a message arrives for it, so going back loads it anew.
  chromium: {
    quiet: { restored: true, sizeAtShow: 0, causes: ['precaution'] },
    messaged: { restored: false, sizeAtShow: 0, causes: [] },
  },
  firefox: {
    quiet: { restored: true, sizeAtShow: 0, causes: ['precaution'] },
    messaged: { restored: false, sizeAtShow: 0, causes: [] },
  },
  // Keeps the page cached and drops the message silently: only the library's precaution empties it.
  webkit: {
    quiet: { restored: true, sizeAtShow: 0, causes: ['precaution'] },
    messaged: { restored: true, sizeAtShow: 0, causes: ['precaution'] },
  },
};

export const bfcacheOpenChannel: BrowserCase = {
  name: 'a page in the back/forward cache with an open BroadcastChannel is evicted by a message (Chromium, Firefox) or keeps it and loses the message (WebKit); its cache is empty either way',
  async run(context) {
    const quiet = await leaveAndReturn(context, false);
    const messaged = await leaveAndReturn(context, true);
    context.note(`without a message: ${JSON.stringify(quiet)}; with one: ${JSON.stringify(messaged)}`);
    assert.deepEqual({ quiet, messaged }, expected[context.engine]);
  },
};

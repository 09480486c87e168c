// Shared steps of the catch-up cases: a tab that stops hearing nudges (the test notifier drops
// them on arrival, standing in for a nudge lost while the tab was hidden or suspended; no driver
// can make a browser lose one on cue) and another tab's clear that it misses.
import assert from 'node:assert/strict';
import type { EngineTab } from '../drivers/engine';
import { waitFor } from '../drivers/wait-for';
import { uniqueNamespace } from './app-tab';

/** A test-steerable channel and every auto-check trigger on (no interval: only events may catch up). */
export const catchUpQuery = (label: string): string => `?ns=${uniqueNamespace(label)}&notifier=test&auto`;

/** Fills `missing`'s cache, makes it deaf, clears in `clearing`, and checks the entries are still there. */
export async function missAClear(missing: EngineTab, clearing: EngineTab): Promise<void> {
  await missing.evaluate(() => {
    window.tab.fill(3, 'before-the-clear');
    window.tab.notifier!.dropping = true;
  });
  await clearing.evaluate(() => window.tab.clear());
  await waitFor(missing, 'the nudge to arrive and be dropped', () => window.tab.notifier!.dropped === 1);
  // Stale for now: no check has run, so the library could not know yet.
  assert.equal(await missing.evaluate(() => window.tab.cache.size), 3);
}

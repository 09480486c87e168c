// Opening the test app's tab page (e2e/pages/tab.html; its query is explained in e2e/pages/tab.ts)
// through the adapter, and reading what the page's probe (e2e/pages/probe.js) recorded.
import assert from 'node:assert/strict';
import type { EngineTab } from '../drivers/engine';
import { waitFor } from '../drivers/wait-for';
import type { CaseContext } from './browser-case';

/** Opens a tab of the test app and waits until its hub has read the shared marker once. */
export async function openAppTab(context: CaseContext, query = ''): Promise<EngineTab> {
  const tab = await context.session.openTab(context.url(`/e2e/pages/tab.html${query}`));
  await waitFor(tab, 'the tab to read the shared marker once', () => window.tab?.isReady() === true);
  return tab;
}

/** A namespace no other case uses, so cases never see each other's markers. */
export function uniqueNamespace(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface ProbeRecord {
  console: Array<{ type: 'warn' | 'error'; text: string }>;
  errors: string[];
}

declare global {
  interface Window {
    probe: ProbeRecord;
  }
}

export function probeRecord(tab: EngineTab): Promise<ProbeRecord> {
  return tab.evaluate(() => window.probe);
}

/**
 * Fails when a tab threw, or logged a console error not matching `allowedErrors`: "nothing
 * crashes" is part of every case.
 */
export async function assertNoProblems(tabs: EngineTab[], allowedErrors?: RegExp): Promise<void> {
  for (const tab of tabs) {
    const record = await probeRecord(tab);
    const errors = record.console.filter((entry) => entry.type === 'error' && !(allowedErrors?.test(entry.text) ?? false));
    assert.deepEqual([...record.errors, ...errors.map((entry) => entry.text)], [], 'a page threw or logged an unexpected error');
  }
}

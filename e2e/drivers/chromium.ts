// Chromium driven by Playwright, as the rest of e2e/ is. The browser is one we start ourselves
// and attach to over CDP (support/lifecycle-browser.ts): under Playwright's own launch every page
// stays visible, while here only the front tab is, so hide and show behave as in Firefox.
import type { Page } from '@playwright/test';
import { assertBrowserInstalled } from '../support/browser';
import { launchWithRealLifecycle, type LifecycleBrowser } from '../support/lifecycle-browser';
import { COMMAND_DEADLINE_MS, withDeadline } from './deadline';
import { WAIT_DEADLINE_MS } from './wait-for';
import type { EngineLauncher, EngineSession, EngineTab, OpenTabOptions } from './engine';
import { PageTab } from './page-tab';

/** Waits for a condition on the test's side (CDP events), with the same deadline as waitFor(). */
async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_DEADLINE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Chromium: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type ChromiumTab = PageTab<Page>;

class ChromiumSession implements EngineSession {
  readonly engine = 'chromium' as const;
  #tabs: ChromiumTab[] = [];
  #closed = false;

  constructor(
    readonly lifecycle: LifecycleBrowser,
    readonly version: string,
  ) {}

  async openTab(url: string, options: OpenTabOptions = {}): Promise<EngineTab> {
    const tab = new PageTab(options.ownWindow ? await this.#newWindow() : await this.lifecycle.context.newPage(), 'Chromium');
    this.#tabs.push(tab);
    await tab.goto(url);
    return tab;
  }

  /** Playwright has no "new window": ask CDP for a target in a new window and pick up its page. */
  async #newWindow(): Promise<Page> {
    const context = this.lifecycle.context;
    const opened = context.waitForEvent('page', { timeout: COMMAND_DEADLINE_MS });
    const cdp = await this.lifecycle.browser.newBrowserCDPSession();
    try {
      await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true });
    } finally {
      await cdp.detach();
    }
    return opened;
  }

  /** Brings another tab to the front: the one it replaces becomes hidden. */
  async hide(tab: EngineTab): Promise<void> {
    const other = [...this.#tabs].reverse().find((candidate) => candidate !== tab && !candidate.page.isClosed());
    if (!other) throw new Error('Chromium: hiding a tab needs another open tab to bring to the front');
    await other.page.bringToFront();
  }

  async show(tab: EngineTab): Promise<void> {
    await (tab as ChromiumTab).page.bringToFront();
  }

  async setFrozen(tab: EngineTab, frozen: boolean): Promise<void> {
    const page = (tab as ChromiumTab).page;
    const cdp = await this.lifecycle.context.newCDPSession(page);
    try {
      await cdp.send('Page.setWebLifecycleState', { state: frozen ? 'frozen' : 'active' });
    } finally {
      await cdp.detach();
    }
  }

  async stopServiceWorkers(tab: EngineTab): Promise<void> {
    const cdp = await this.lifecycle.context.newCDPSession((tab as ChromiumTab).page);
    try {
      const versions = new Map<string, string>();
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
        for (const version of updated) versions.set(version.versionId, version.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      await until('a running service worker to be reported', () => [...versions.values()].includes('running'));
      for (const [versionId, status] of versions) {
        if (status === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId });
      }
      await until('every service worker to stop', () => [...versions.values()].every((status) => status === 'stopped'));
    } finally {
      await cdp.detach();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await withDeadline('Chromium close', 15_000, this.lifecycle.close());
  }
}

export const chromiumEngine: EngineLauncher = {
  engine: 'chromium',
  async launch() {
    assertBrowserInstalled();
    const lifecycle = await launchWithRealLifecycle();
    return new ChromiumSession(lifecycle, `Chromium ${lifecycle.browser.version()}`);
  },
};

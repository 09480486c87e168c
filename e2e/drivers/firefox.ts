// Firefox ESR driven by puppeteer-core over WebDriver BiDi (no geckodriver): Debian's stock
// Firefox has no Juggler, so Playwright cannot drive it. Headless; each launch has a fresh
// temporary profile. Tabs of one launch share BroadcastChannel and IndexedDB; only the front tab
// is visible, and bringToFront() swaps tabs with real `visibilitychange` events.
import { accessSync, constants } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { COMMAND_DEADLINE_MS, LAUNCH_DEADLINE_MS, withDeadline } from './deadline';
import type { EngineLauncher, EngineSession, EngineTab, OpenTabOptions, PageFunction } from './engine';

export const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export function assertFirefoxInstalled(): void {
  try {
    accessSync(firefoxPath, constants.X_OK);
  } catch {
    throw new Error(`No Firefox at ${firefoxPath}. Install Debian's with \`apt-get install --no-install-recommends firefox-esr\`, or set FIREFOX_PATH.`);
  }
}

class FirefoxTab implements EngineTab {
  constructor(readonly page: Page) {}

  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    return withDeadline('Firefox evaluate', COMMAND_DEADLINE_MS, this.page.evaluate(fn as unknown as (arg: unknown) => R, arg) as Promise<R>);
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load', timeout: COMMAND_DEADLINE_MS });
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

class FirefoxSession implements EngineSession {
  readonly engine = 'firefox' as const;
  #tabs: FirefoxTab[] = [];
  #closed = false;

  constructor(
    readonly browser: Browser,
    readonly version: string,
  ) {}

  async openTab(url: string, options: OpenTabOptions = {}): Promise<EngineTab> {
    const page = await withDeadline('Firefox newPage', COMMAND_DEADLINE_MS, this.browser.newPage(options.ownWindow ? { type: 'window' } : { type: 'tab' }));
    const tab = new FirefoxTab(page);
    this.#tabs.push(tab);
    await tab.goto(url);
    return tab;
  }

  /** Brings another tab to the front: the one it replaces becomes hidden. */
  async hide(tab: EngineTab): Promise<void> {
    const other = [...this.#tabs].reverse().find((candidate) => candidate !== tab && !candidate.page.isClosed());
    if (!other) throw new Error('Firefox: hiding a tab needs another open tab to bring to the front');
    await withDeadline('Firefox bringToFront', COMMAND_DEADLINE_MS, other.page.bringToFront());
  }

  async show(tab: EngineTab): Promise<void> {
    await withDeadline('Firefox bringToFront', COMMAND_DEADLINE_MS, (tab as FirefoxTab).page.bringToFront());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const process = this.browser.process();
    try {
      await withDeadline('Firefox close', 15_000, this.browser.close());
    } catch (error) {
      // A browser that does not close in time is killed by its id: nothing may stay behind.
      process?.kill('SIGKILL');
      throw error;
    }
  }
}

export const firefox: EngineLauncher = {
  engine: 'firefox',
  async launch() {
    assertFirefoxInstalled();
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
      timeout: LAUNCH_DEADLINE_MS,
      protocolTimeout: COMMAND_DEADLINE_MS,
    });
    try {
      return new FirefoxSession(browser, await withDeadline('Firefox version', COMMAND_DEADLINE_MS, browser.version()));
    } catch (error) {
      browser.process()?.kill('SIGKILL');
      throw error;
    }
  },
};

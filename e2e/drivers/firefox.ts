// Firefox ESR driven by puppeteer-core over WebDriver BiDi (no geckodriver): Debian's stock
// Firefox has no Juggler, so Playwright cannot drive it. Headless, with a fresh temporary profile;
// one browser per test process, each session in a user context of its own (see sharedBrowser).
// Tabs of one session share BroadcastChannel and IndexedDB; only the front tab of a window is
// visible, and bringToFront() swaps tabs with real `visibilitychange` events.
import { accessSync, constants } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { COMMAND_DEADLINE_MS, LAUNCH_DEADLINE_MS, withDeadline } from './deadline';
import type { EngineLauncher, EngineSession, EngineTab, OpenTabOptions } from './engine';
import { PageTab } from './page-tab';

export const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export function assertFirefoxInstalled(): void {
  try {
    accessSync(firefoxPath, constants.X_OK);
  } catch {
    throw new Error(`No Firefox at ${firefoxPath}. Install Debian's with \`apt-get install --no-install-recommends firefox-esr\`, or set FIREFOX_PATH.`);
  }
}

type FirefoxTab = PageTab<Page>;

class FirefoxSession implements EngineSession {
  readonly engine = 'firefox' as const;
  #tabs: FirefoxTab[] = [];
  #closed = false;

  constructor(
    readonly context: BrowserContext,
    readonly version: string,
  ) {}

  async openTab(url: string, options: OpenTabOptions = {}): Promise<EngineTab> {
    const page = await withDeadline('Firefox newPage', COMMAND_DEADLINE_MS, this.context.newPage(options.ownWindow ? { type: 'window' } : { type: 'tab' }));
    const tab = new PageTab(page, 'Firefox');
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

  /** Closes the user context with its tabs and storage; the browser stays for the next case. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await withDeadline('Firefox context close', 15_000, this.context.close());
  }
}

/**
 * One Firefox per test process, started on first use: a launch costs seconds, and each session
 * gets a user context of its own instead (a container: its own IndexedDB, BroadcastChannel
 * partition, service workers and caches), which is as fresh as a new profile for these cases.
 */
let shared: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  shared ??= (async () => {
    assertFirefoxInstalled();
    return puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
      timeout: LAUNCH_DEADLINE_MS,
      protocolTimeout: COMMAND_DEADLINE_MS,
    });
  })();
  return shared;
}

export const firefox: EngineLauncher = {
  engine: 'firefox',
  async launch() {
    const browser = await sharedBrowser();
    const context = await withDeadline('Firefox user context', COMMAND_DEADLINE_MS, browser.createBrowserContext());
    try {
      return new FirefoxSession(context, await withDeadline('Firefox version', COMMAND_DEADLINE_MS, browser.version()));
    } catch (error) {
      await context.close().catch(() => {});
      throw error;
    }
  },
  async shutdown() {
    if (!shared) return;
    const browser = await shared.catch(() => undefined);
    shared = undefined;
    if (!browser) return;
    const child = browser.process();
    try {
      await withDeadline('Firefox close', 15_000, browser.close());
    } catch (error) {
      // A browser that does not close in time is killed by its id: nothing may stay behind.
      child?.kill('SIGKILL');
      throw error;
    }
  },
};

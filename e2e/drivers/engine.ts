// The thin adapter every browser case is written against, so that one definition of a case runs
// in Chromium (Playwright), Firefox (puppeteer-core over WebDriver BiDi) and WebKit (webdriverio
// over classic WebDriver). It offers only what all three drivers can do: open a tab at a URL, run
// a function in it, hide and show it, close it. Anything richer (console events, init scripts,
// CDP) would make a case depend on one engine; pages record what cases need themselves instead
// (see e2e/pages/probe.js).

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/**
 * A function that runs in the page. It is sent as source text, so it must not use anything from
 * the test's module scope: only its argument and the page's globals. Argument and result travel
 * as JSON (`undefined` may come back as `null`).
 */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

export interface EngineTab {
  /** Runs `fn(arg)` in the tab's current document and resolves to its (awaited) result. */
  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Loads `url` in this tab and waits for its `load` event. */
  goto(url: string): Promise<void>;
  /**
   * Goes back one history entry in this tab. Resolves once the navigation has started (Chromium,
   * Firefox) or finished (WebKit, where the driver's own Back is used: a script sent while a
   * back/forward-cache restore is under way can hang WebKitWebDriver). Callers then wait for the
   * page they expect.
   */
  goBack(): Promise<void>;
  /** Closes the tab. */
  close(): Promise<void>;
}

export interface OpenTabOptions {
  ownWindow?: boolean;
}

export interface EngineSession {
  readonly engine: EngineName;
  /** The browser's own version string, for the report. */
  readonly version: string;
  /**
   * Opens a new tab of this browser's one profile and loads `url` in it. With `ownWindow`, the tab
   * gets a window of its own, so it stays visible (and its timers run unthrottled) while other
   * tabs are opened; otherwise it opens in the shared window and hides the tab in front. In WebKit
   * every tab is a window of its own.
   */
  openTab(url: string, options?: OpenTabOptions): Promise<EngineTab>;
  /** Makes `tab` hidden (`document.visibilityState === 'hidden'`) the way a person would. */
  hide(tab: EngineTab): Promise<void>;
  /** Makes `tab` visible again; the page gets a real `visibilitychange`. */
  show(tab: EngineTab): Promise<void>;
  /**
   * Freezes or thaws `tab` (the page gets `freeze` / `resume`, its timers stop meanwhile). Only
   * where the driver can: Chromium, through CDP; WebDriver BiDi and classic WebDriver have no such
   * command, and cases that need it say so in `unsupported`.
   */
  setFrozen?(tab: EngineTab, frozen: boolean): Promise<void>;
  /**
   * Stops every running service worker of `tab`'s origin, as the browser does to an idle one, and
   * resolves once they have stopped. Only Chromium (CDP ServiceWorker.stopWorker), as above.
   */
  stopServiceWorkers?(tab: EngineTab): Promise<void>;
  /** Closes the browser and everything started for it. Safe to call twice. */
  close(): Promise<void>;
}

export interface EngineLauncher {
  readonly engine: EngineName;
  /** A browser session with fresh storage of its own, within a deadline. */
  launch(): Promise<EngineSession>;
  /** Stops anything the launcher keeps between sessions (a shared browser); runners call it once at the end. */
  shutdown?(): Promise<void>;
}

// A tab of the engines whose driver hands us a page object with evaluate/goto/close of the same
// shape: Playwright's (Chromium) and puppeteer-core's (Firefox). WebKit, driven over WebDriver,
// has windows instead and a tab of its own (webkit.ts).
import { COMMAND_DEADLINE_MS, withDeadline } from './deadline';
import type { EngineTab, PageFunction } from './engine';

/** What both drivers' pages offer, as far as a tab needs it. */
export interface DriverPage {
  // `any`: the two drivers type their page functions differently; PageTab.evaluate is the typed door.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  evaluate(fn: (arg: any) => unknown, arg?: any): Promise<unknown>;
  goto(url: string, options: { waitUntil: 'load'; timeout: number }): Promise<unknown>;
  close(): Promise<void>;
}

export class PageTab<P extends DriverPage> implements EngineTab {
  constructor(
    readonly page: P,
    /** Names the engine in deadline errors. */
    readonly engineName: string,
  ) {}

  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    return withDeadline(`${this.engineName} evaluate`, COMMAND_DEADLINE_MS, this.page.evaluate(fn as unknown as (arg: unknown) => R, arg) as Promise<R>);
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load', timeout: COMMAND_DEADLINE_MS });
  }

  /** From the page itself: the drivers' own Back waits for a `load` that a restore never fires. */
  async goBack(): Promise<void> {
    await this.evaluate(() => void setTimeout(() => history.back(), 0));
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

// Records what the pages of a browser context say on the console and what they throw, so a test
// can count warnings and fail on any error it did not expect ("nothing crashes").
import type { BrowserContext } from '@playwright/test';

export interface LogEntry {
  /** Playwright's console type ('log', 'warning', 'error', ...) or 'pageerror' for an uncaught exception. */
  type: string;
  text: string;
  url: string;
}

export class BrowserLog {
  readonly entries: LogEntry[] = [];
  #allowed: RegExp[] = [];

  /** Starts recording every page of `context`, present and future. */
  attach(context: BrowserContext): this {
    context.on('console', (message) => {
      this.entries.push({ type: message.type(), text: message.text(), url: message.page()?.url() ?? '' });
    });
    context.on('weberror', (error) => {
      this.entries.push({ type: 'pageerror', text: String(error.error()), url: error.page()?.url() ?? '' });
    });
    return this;
  }

  /** Console messages of one type whose text contains `fragment`. */
  ofType(type: string, fragment = ''): LogEntry[] {
    return this.entries.filter((entry) => entry.type === type && entry.text.includes(fragment));
  }

  /** Declares console errors matching `pattern` as expected in this test. */
  allowErrors(pattern: RegExp): void {
    this.#allowed.push(pattern);
  }

  /** Uncaught exceptions, and console errors that were not declared expected. */
  problems(): LogEntry[] {
    return this.entries.filter(
      (entry) => entry.type === 'pageerror' || (entry.type === 'error' && !this.#allowed.some((pattern) => pattern.test(entry.text))),
    );
  }
}

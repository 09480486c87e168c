// What a cross-engine browser case is: a name, the engines that cannot run it (with the reason,
// which the runners report as a skipped test), and one body written against the driver adapter
// (e2e/drivers/engine.ts). The runners (e2e/engines.spec.ts for Chromium under Playwright,
// e2e/runners/ for Firefox and WebKit under Vitest) give each case a fresh browser.
import type { EngineName, EngineSession } from '../drivers/engine';

export interface CaseContext {
  readonly engine: EngineName;
  /** A fresh browser with its own profile, closed by the runner after the case. */
  readonly session: EngineSession;
  /** An absolute URL on the suite's dev server (serving the repository root, see scripts/dev-server.mjs). */
  url(path: string): string;
  /** Notes for the test report (a count, what was exercised). */
  note(text: string): void;
}

export interface BrowserCase {
  name: string;
  /** Engines that cannot run this case, each with the reason; README "Browser support" repeats them. */
  unsupported?: Partial<Record<EngineName, string>>;
  run(context: CaseContext): Promise<void>;
}

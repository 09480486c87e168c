// Waiting for a condition in a page, the same way in every engine: ask the page again and again
// until it says yes. Classic WebDriver has no "wait for function", and a poll also survives the
// moment a navigation swaps the document (an evaluation that fails then is simply asked again).
import type { EngineTab, PageFunction } from './engine';

/**
 * Long enough for a clear to travel on a loaded machine, and for one WebKit evaluation lost to a
 * navigation to time out (see drivers/webkit.ts); a condition that never holds fails with its name.
 */
export const WAIT_DEADLINE_MS = 20_000;
const POLL_INTERVAL_MS = 50;

/** Resolves once `condition(arg)` returns true in `tab`; rejects after the deadline, naming `what`. */
export async function waitFor<A>(tab: EngineTab, what: string, condition: PageFunction<A, boolean>, arg?: A): Promise<void> {
  const deadline = Date.now() + WAIT_DEADLINE_MS;
  let last: unknown = 'never evaluated';
  for (;;) {
    try {
      if ((await tab.evaluate(condition, arg)) === true) return;
      last = false;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${WAIT_DEADLINE_MS} ms waiting for ${what} (last answer: ${String(last)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

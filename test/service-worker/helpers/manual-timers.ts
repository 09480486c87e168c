import type { Timers } from '../../../src/service-worker/index.js';

/** Timers whose clock moves only when the test says so, backwards included. */
export interface ManualTimers extends Timers {
  /** Moves the clock to `now + ms`, firing due callbacks in order. */
  advance(ms: number): void;
  /** Sets the clock without firing anything, as a corrected wall clock jumps. */
  jump(to: number): void;
  /** When the pending callbacks are due. */
  readonly due: readonly number[];
}

export function createManualTimers(): ManualTimers {
  let now = 0;
  let pending: Array<{ at: number; callback: () => void }> = [];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      pending.push({ at: now + Math.max(0, ms), callback });
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = pending.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        pending = pending.filter((timer) => timer !== next);
        now = Math.max(now, next.at);
        next.callback();
      }
      now = end;
    },
    jump(to) {
      now = to;
    },
    get due() {
      return pending.map((timer) => timer.at);
    },
  };
}

/**
 * A clock and timer that move only when the test says so, backwards included, as a realm's clock
 * does when NTP or the user corrects it. Pass `clock.now` as a hub's `clock` option, or the whole
 * object as `Timers` (a fetch check's `timers`).
 */
export interface ManualClock {
  /** The current reading in milliseconds. */
  readonly now: () => number;
  /** Moves the clock by `ms`, which may be negative, firing nothing. */
  step(ms: number): void;
  /** Sets the clock to an exact reading, firing nothing, as a corrected wall clock jumps. */
  set(ms: number): void;
  /** Calls `callback` once the clock has been advanced `ms` past now. */
  setTimeout(callback: () => void, ms: number): void;
  /** Moves the clock forward by `ms`, firing due callbacks in order. */
  advance(ms: number): void;
  /** When the pending callbacks are due. */
  readonly due: readonly number[];
}

export function createManualClock(start = 1_700_000_000_000): ManualClock {
  let reading = start;
  let pending: Array<{ at: number; callback: () => void }> = [];
  return {
    now: () => reading,
    step(ms) {
      reading += ms;
    },
    set(ms) {
      reading = ms;
    },
    setTimeout(callback, ms) {
      pending.push({ at: reading + Math.max(0, ms), callback });
    },
    advance(ms) {
      const end = reading + ms;
      for (;;) {
        const next = pending.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        pending = pending.filter((timer) => timer !== next);
        reading = Math.max(reading, next.at);
        next.callback();
      }
      reading = end;
    },
    get due() {
      return pending.map((timer) => timer.at);
    },
  };
}

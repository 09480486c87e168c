/**
 * A wall clock that moves only when the test says so, backwards included, as a realm's clock
 * does when NTP or the user corrects it. Pass `clock.now` as a hub's `clock` option.
 */
export interface ManualClock {
  /** The current reading in milliseconds. */
  readonly now: () => number;
  /** Moves the clock by `ms`, which may be negative. */
  step(ms: number): void;
  /** Sets the clock to an exact reading. */
  set(ms: number): void;
}

export function createManualClock(start = 1_700_000_000_000): ManualClock {
  let reading = start;
  return {
    now: () => reading,
    step(ms) {
      reading += ms;
    },
    set(ms) {
      reading = ms;
    },
  };
}

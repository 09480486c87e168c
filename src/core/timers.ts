import { monotonicNow } from '../environment.js';

/**
 * The clock and timer a {@link FetchCheck} uses. Injectable so tests move time by hand instead
 * of sleeping (the reason TanStack Query routes its timers through one `timeoutManager`).
 */
export interface Timers {
  /** Milliseconds, only used for differences. @default `performance.now()`, else `Date.now()` */
  now(): number;
  /** Calls `callback` once after about `ms` milliseconds. @default the realm's `setTimeout` */
  setTimeout(callback: () => void, ms: number): void;
}

/** The realm's own clock and `setTimeout`. */
export function systemTimers(): Timers {
  return {
    now: monotonicNow,
    setTimeout(callback, ms) {
      setTimeout(callback, ms);
    },
  };
}

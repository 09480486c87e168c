import type { Timers } from './timers.js';

export interface CheckSchedulerOptions {
  /** The least time in milliseconds between the starts of two runs. @default 0 */
  interval?: number;
  /** The clock and timer; only needed when `interval` is above 0. */
  timers?: Timers;
  /**
   * Start a due run in a microtask instead of at once, so that every request made in the same
   * task (a `visibilitychange`, `pageshow` and `resume` together) shares one run.
   * @default false
   */
  batchTask?: boolean;
}

/**
 * Coalesces checks. The rule every caller relies on: a request resolves with the result of the
 * first run that *starts after* the request was made. A run already under way may have read the
 * store before a clear committed, so it never answers a later request; a run waiting to start
 * answers everybody who asked meanwhile, which is where a burst saves reads.
 *
 * Runs never overlap: the next one starts when the previous settles, and not sooner than
 * `interval` ms after the previous start (a timer starts it then). With nothing running and the
 * interval over, a request starts its run at once (or in a microtask, see `batchTask`).
 */
export interface CheckScheduler<T> {
  /** Resolves (or rejects) with the first run that starts after this call. */
  request(): Promise<T>;
  /** Runs started so far. */
  readonly runs: number;
}

interface Waiting<T> {
  readonly promise: Promise<T>;
  readonly resolve: (result: T) => void;
  readonly reject: (error: unknown) => void;
}

export function createCheckScheduler<T>(run: () => Promise<T>, options: CheckSchedulerOptions = {}): CheckScheduler<T> {
  const interval = options.interval ?? 0;
  const timers = options.timers;
  let waiting: Waiting<T> | undefined;
  let running = false;
  let startPending = false;
  let lastStart: number | undefined;
  let runs = 0;

  /** How long until `interval` has passed since the last start. */
  const delay = (): number => {
    if (interval === 0 || lastStart === undefined || !timers) return 0;
    const elapsed = timers.now() - lastStart;
    // A clock that went backwards reads a negative gap: wait one interval, never longer.
    if (elapsed < 0) return interval;
    return Math.max(0, interval - elapsed);
  };

  const start = (): void => {
    startPending = false;
    const current = waiting;
    if (!current) return;
    waiting = undefined;
    running = true;
    lastStart = timers?.now();
    runs += 1;
    let result: Promise<T>;
    try {
      result = run();
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(current.resolve, current.reject);
    const settled = (): void => {
      running = false;
      schedule();
    };
    result.then(settled, settled);
  };

  /** Starts the waiting run now, or arranges for it to start when the rule allows. */
  const schedule = (): void => {
    if (!waiting || running || startPending) return;
    const wait = delay();
    if (wait > 0) {
      startPending = true;
      // Nothing else starts a run while the timer is set, so when it fires the way is free. Not
      // measured again: a clock that went backwards would put the start off at every firing.
      timers!.setTimeout(start, wait);
    } else if (options.batchTask) {
      startPending = true;
      queueMicrotask(start);
    } else {
      start();
    }
  };

  return {
    request() {
      if (waiting) return waiting.promise;
      let resolve!: (result: T) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<T>((resolvePromise, rejectPromise) => {
        resolve = resolvePromise;
        reject = rejectPromise;
      });
      waiting = { promise, resolve, reject };
      schedule();
      return promise;
    },
    get runs() {
      return runs;
    },
  };
}

import { getDefaultHub } from '../hub/default-hub.js';
import { describeValue, errorText } from '../errors.js';
import { type CheckResult, SyncHub } from '../hub/sync-hub.js';
import { createCheckScheduler } from '../core/check-scheduler.js';
import { systemTimers, type Timers } from '../core/timers.js';
import type { ExtendableEventLike } from './worker-events.js';

export interface FetchCheckOptions {
  /** The hub whose caches and Cache Storage bindings are checked. @default the default hub */
  hub?: SyncHub;
  /**
   * The least time in milliseconds between the starts of two checks. A request that arrives
   * while a check is reading waits for the next one, which starts this long after the previous
   * start (and never while it still reads): the larger the interval, the fewer reads a burst
   * costs, and the longer such a request may wait. `0` still never lets two reads overlap.
   * @default 10
   */
  interval?: number;
  /** The clock and timer, replaced in tests. @default the realm's `performance.now()` and `setTimeout` */
  timers?: Timers;
}

/** Counters of a {@link FetchCheck}. */
export interface FetchCheckStatistics {
  /** Calls that asked for a check (`check()`, and first calls of `forEvent()` per event). */
  calls: number;
  /** Checks started, each one `hub.checkAll()`: one IndexedDB read when the hub has caches. */
  checks: number;
}

/**
 * Checks a hub's caches at the start of handling a `fetch` or `message` event, throttled so a
 * burst of requests shares its reads. A stopped service worker hears no BroadcastChannel message
 * (nothing on the channel wakes it), and even a running one may get the nudge after the fetch
 * it affects, so this check, not the nudge, is what keeps a response from outliving a clear.
 *
 * The throttling rule, and why it is safe. The guarantee: nothing served for a request was
 * stored before a clear that completed before the request arrived. A clear completes when its
 * marker is committed, and an IndexedDB read started after that commit sees it; so a request is
 * covered by any check whose read *starts after the request arrived*, and by nothing else (a
 * read already under way may have started before the commit; a nudge may still be in flight).
 * Hence:
 * - every call waits for the first check that starts after the call. While such a check is
 *   waiting to start, later calls join it: that is where a burst saves reads;
 * - a check never starts while the previous one still reads (the waiting one starts when it
 *   settles), and not sooner than `interval` ms after the previous start (a timer starts it);
 * - with nothing reading and the interval over, a call starts its check at once: a lone request
 *   pays one read and no timer.
 * A burst shorter than the interval thus costs two reads, the first request's and one shared by
 * all the others; a long stream costs one read per interval. There is no "recently checked, skip
 * it" shortcut: it would serve requests that arrived after a commit the last read did not see.
 * The rule is the hub's own coalescing rule (src/core/check-scheduler.ts), with an interval.
 *
 * @example
 * // in the service worker
 * const check = createFetchCheck({ interval: 20 });
 * const prices = new LocalSyncCache<string, number>('prices');
 * self.addEventListener('fetch', (event) => {
 *   if (new URL(event.request.url).pathname !== '/price') return;
 *   event.respondWith(check.forEvent(event).then(() => respondFromPrices(event.request, prices)));
 * });
 */
export interface FetchCheck {
  /** The hub whose caches are checked. */
  readonly hub: SyncHub;
  /** See {@link FetchCheckOptions.interval}. */
  readonly interval: number;
  /**
   * Resolves once a check that started after this call has read the shared markers and emptied
   * what was cleared elsewhere. Never reads twice for calls that can share a check.
   * @throws (rejects) when the hub was closed.
   */
  check(): Promise<CheckResult>;
  /**
   * The check for one event: the first call for an event starts waiting for a check, and every
   * later call for the same event (or for its `request`, through {@link FetchCheck.forRequest})
   * gets the same promise. Any check started after the event's arrival covers the event, so
   * handlers of one event never pay for a second read.
   *
   * @example
   * self.addEventListener('fetch', (event) => {
   *   event.respondWith(check.forEvent(event).then(() => answer(event.request)));
   * });
   */
  forEvent(event: ExtendableEventLike & { readonly request?: Request }): Promise<CheckResult>;
  /**
   * The check already asked for the fetch event whose `request` this is (by `forEvent`,
   * `checkOnFetch` or a binding's `handleFetch`); otherwise a new {@link FetchCheck.check}.
   */
  forRequest(request: unknown): Promise<CheckResult>;
  /** Counters (a copy). */
  readonly statistics: FetchCheckStatistics;
}

// Development builds only: what createFetchCheck() made, so bad `check` options are refused clearly.
let madeChecks: WeakSet<object> | undefined;

/** Whether `value` came from {@link createFetchCheck} (development builds only). */
export function isFetchCheck(value: unknown): value is FetchCheck {
  return typeof value === 'object' && value !== null && madeChecks?.has(value) === true;
}

/**
 * Creates a throttled check of a hub's caches for service-worker events; see {@link FetchCheck}
 * for the throttling rule. Most workers use the shared one from {@link getFetchCheck}; create
 * your own to pick another interval or to inject timers in tests.
 *
 * @example
 * const check = createFetchCheck({ interval: 0 }); // lowest latency, reads back to back in a burst
 */
export function createFetchCheck(options: FetchCheckOptions = {}): FetchCheck {
  if (__DEV__) validateOptions(options);
  const hub = options.hub ?? getDefaultHub();
  const interval = options.interval ?? 10;
  // `checkAll()` itself answers only from reads that start after it is called, so sharing the
  // hub with other callers (a router guard, `checkState()`) cannot break the rule above.
  const scheduler = createCheckScheduler(() => hub.checkAll(), { interval, timers: options.timers ?? systemTimers() });
  let calls = 0;
  // Events and their requests, each to the check that covers it. Weak, so events and requests
  // the worker is done with are not kept alive.
  const covered = new WeakMap<object, Promise<CheckResult>>();
  const check = (): Promise<CheckResult> => {
    // Production builds leave this to `hub.checkAll()`, which rejects with the same code.
    if (__DEV__ && hub.closed) {
      return Promise.reject(
        new Error(errorText('hub-closed', 'local-sync-cache/service-worker: the fetch check was used after its hub was closed; create a new one with createFetchCheck({ hub }).')),
      );
    }
    calls++;
    return scheduler.request();
  };
  const made: FetchCheck = {
    hub,
    interval,
    check,
    forEvent(event) {
      if (__DEV__ && (typeof event !== 'object' || event === null)) {
        throw new TypeError(`FetchCheck.forEvent(): needs the event being handled, got ${describeValue(event)}; call it as check.forEvent(event) in your listener.`);
      }
      let covering = covered.get(event);
      if (!covering) {
        covered.set(event, (covering = check()));
        if (event.request) covered.set(event.request, covering);
      }
      return covering;
    },
    // WeakMap.get() answers undefined for anything that is not an object.
    forRequest: (request) => covered.get(request as object) ?? check(),
    get statistics() {
      return { calls, checks: scheduler.runs };
    },
  };
  if (__DEV__) (madeChecks ??= new WeakSet()).add(made);
  return made;
}

function validateOptions(options: unknown): asserts options is FetchCheckOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`createFetchCheck: options must be an object, got ${describeValue(options)}; pass { interval: 10 } or leave it out.`);
  }
  const { hub, interval, timers } = options as Record<string, unknown>;
  if (hub !== undefined && !(hub instanceof SyncHub)) {
    throw new TypeError(`createFetchCheck: hub must come from createSyncHub(), got ${describeValue(hub)}; leave it out to use the default hub.`);
  }
  if (interval !== undefined && !(typeof interval === 'number' && interval >= 0 && Number.isFinite(interval))) {
    throw new TypeError(`createFetchCheck: interval must be a number of milliseconds, 0 or more, got ${describeValue(interval)}; for example { interval: 10 }.`);
  }
  if (timers !== undefined) {
    const { now, setTimeout: set } = (timers ?? {}) as Record<string, unknown>;
    if (typeof timers !== 'object' || timers === null || typeof now !== 'function' || typeof set !== 'function') {
      throw new TypeError(`createFetchCheck: timers must have now() and setTimeout(callback, ms), got ${describeValue(timers)}; leave it out to use the realm's.`);
    }
  }
}

import { getDefaultHub } from './hub/default-hub.js';
import { findWindow } from './environment.js';
import { describeValue } from './errors.js';
import { enterBackForwardCache, leaveBackForwardCache } from './page/back-forward-cache.js';
import type { SyncHub } from './hub/sync-hub.js';
import { onBackForwardCache } from './triggers/on-back-forward-cache.js';
import { onInterval } from './triggers/on-interval.js';
import { onNavigation } from './triggers/on-navigation.js';
import { onOnline } from './triggers/on-online.js';
import { onResume } from './triggers/on-resume.js';
import { onVisible } from './triggers/on-visible.js';

export interface AutoCheckOptions {
  /** The hub whose caches to check. @default the default hub */
  hub?: SyncHub;
  /** Check when the page becomes visible. @default true */
  visibility?: boolean;
  /** Check on `pageshow`; on a restore from the back/forward cache, empty the caches first. @default true */
  pageshow?: boolean;
  /** Check when a frozen page thaws (`resume`). @default true */
  resume?: boolean;
  /** Check when the browser comes back online. @default true */
  online?: boolean;
  /** Check on same-document navigation (Navigation API, else History API). @default true */
  navigation?: boolean;
  /** Also check every this many milliseconds; 0 turns it off. @default 0 */
  interval?: number;
}

const SWITCHES = ['visibility', 'pageshow', 'resume', 'online', 'navigation'] as const;

/**
 * Runs `checkAll()` on the moments a page may have missed a nudge: becoming visible,
 * `pageshow` (including back/forward-cache restores), `resume`, `online` and same-document
 * navigation. Triggers that fire together cost one check. Where there is no `window`
 * (workers, server rendering) only the interval, if any, is attached.
 *
 * @returns the function that removes every listener and wrapper it attached.
 * @example
 * const stop = installAutoCheck();
 * // later, e.g. in a test or on hot module reload:
 * stop();
 */
export function installAutoCheck(options: AutoCheckOptions = {}): () => void {
  if (__DEV__) validateOptions(options);
  const hub = options.hub ?? getDefaultHub();
  const detachers: Array<() => void> = [];
  // The hub's scheduler makes triggers of one task (visibilitychange + pageshow + resume) share one read.
  const requestCheck = (): void => {
    if (!hub.closed) void hub.checkAll();
  };

  const page = findWindow();
  if (page) {
    const enabled = (name: (typeof SWITCHES)[number]): boolean => options[name] !== false;
    if (enabled('visibility')) detachers.push(onVisible(page.document)(requestCheck));
    if (enabled('resume')) detachers.push(onResume(page.document)(requestCheck));
    if (enabled('online')) detachers.push(onOnline(page)(requestCheck));
    if (enabled('navigation')) detachers.push(onNavigation(page)(requestCheck));
    if (enabled('pageshow')) {
      detachers.push(
        onBackForwardCache(page, {
          onEnter: () => enterBackForwardCache(hub),
          onRestore: () => leaveBackForwardCache(hub),
          onShow: requestCheck,
        }),
      );
    }
  }
  if (options.interval) detachers.push(onInterval(options.interval)(requestCheck));

  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    for (const detach of detachers.splice(0)) detach();
  };
}

function validateOptions(options: AutoCheckOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`installAutoCheck: options must be an object, got ${describeValue(options)}; pass {} or leave it out.`);
  }
  for (const name of SWITCHES) {
    const value = options[name];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new TypeError(`installAutoCheck: ${name} must be true or false, got ${describeValue(value)}.`);
    }
  }
  const { interval } = options;
  if (interval !== undefined && !(typeof interval === 'number' && interval >= 0 && Number.isFinite(interval))) {
    throw new TypeError(`installAutoCheck: interval must be a number of milliseconds (0 turns it off), got ${describeValue(interval)}; for example { interval: 60_000 }.`);
  }
}

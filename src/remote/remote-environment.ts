/**
 * Platform questions of the remote client, asked lazily (kept beside the remote code rather than
 * in src/environment.ts while the core is being refactored).
 */

/** The Web Locks manager, or `undefined` (Node, old Safari, insecure contexts). */
export function findLocks(): LockManager | undefined {
  return typeof navigator !== 'undefined' && navigator.locks && typeof navigator.locks.request === 'function' ? navigator.locks : undefined;
}

/** The EventSource constructor, or `undefined` (Node before 22 without a polyfill, workers of old browsers). */
export function findEventSource(): typeof EventSource | undefined {
  return typeof EventSource === 'function' ? EventSource : undefined;
}

/**
 * How long ago this realm started, in ms: the oldest data it can have fetched. `performance.now()`
 * counts from the page's navigation or the worker's start, but in some browsers not while the
 * machine sleeps; the wall clock since the same origin does, so the larger of the two is taken.
 * `undefined` where the realm cannot tell.
 */
export function realmAge(): number | undefined {
  if (typeof performance === 'undefined' || typeof performance.now !== 'function') return undefined;
  return Math.max(performance.now(), typeof performance.timeOrigin === 'number' ? Date.now() - performance.timeOrigin : 0);
}

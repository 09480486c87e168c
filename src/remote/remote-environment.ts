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
 * How long ago this realm started, in ms (`performance.now()` counts from the page's navigation or
 * the worker's start), or `undefined` where it cannot tell: the oldest data it can have fetched.
 */
export function realmAge(): number | undefined {
  return typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : undefined;
}

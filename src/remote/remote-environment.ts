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

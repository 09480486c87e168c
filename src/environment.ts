/**
 * Every question about the host platform is asked here and only here, lazily, so the same
 * code runs in a tab, a worker, a service worker and under server rendering, and so tests
 * can change a global before the first question is asked.
 */

/** The IndexedDB factory of this realm, or `undefined` (SSR, old runtimes, some private modes). */
export function findIndexedDB(): IDBFactory | undefined {
  try {
    return typeof indexedDB === 'undefined' ? undefined : indexedDB;
  } catch {
    // Some sandboxed iframes throw a SecurityError on merely reading `indexedDB`.
    return undefined;
  }
}

/** The native BroadcastChannel constructor, or `undefined` where the platform has none. */
export function findNativeBroadcastChannel(): typeof BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'function' ? BroadcastChannel : undefined;
}

/** A random identifier; uses `crypto.getRandomValues`, which, unlike `randomUUID`, also exists outside secure contexts. */
export function randomId(): string {
  const bytes = new Uint8Array(8);
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    crypto.getRandomValues(bytes);
  } else {
    for (let index = 0; index < bytes.length; index++) bytes[index] = Math.floor(Math.random() * 256);
  }
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** The event target of a page (`window`) or `undefined` in workers and under SSR. */
export function findWindow(): Window | undefined {
  return typeof window !== 'undefined' && typeof document !== 'undefined' ? window : undefined;
}

/**
 * Every question about the host platform is asked here and only here, lazily (never at
 * import), so the same code runs in a tab, a worker, a service worker and under server
 * rendering, and so tests can change a global before the first question is asked.
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

/** Anything that listens for service-worker events: the worker's global scope, or a test double. */
export interface EventScope {
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
}

/** The service worker's global scope, or `undefined` in a tab, a dedicated worker or Node. */
export function findServiceWorkerScope(): EventScope | undefined {
  // The constructor exists only inside service workers; the DOM typings do not declare it.
  const Scope = (globalThis as { ServiceWorkerGlobalScope?: abstract new () => unknown }).ServiceWorkerGlobalScope;
  return typeof Scope === 'function' && globalThis instanceof Scope ? (globalThis as unknown as EventScope) : undefined;
}

/** The realm's Cache Storage, or `undefined` (no secure context, Node, some private modes). */
export function findCacheStorage(): CacheStorage | undefined {
  try {
    return typeof caches === 'undefined' ? undefined : caches;
  } catch {
    // Opaque-origin documents throw a SecurityError on merely reading `caches`.
    return undefined;
  }
}

/** The realm's `fetch`, called through a wrapper: a bare reference called as a method throws "Illegal invocation". */
export function findFetch(): ((request: Request) => Promise<Response>) | undefined {
  return typeof fetch === 'function' ? (request) => fetch(request) : undefined;
}

/** Milliseconds from a clock that never steps back when the wall clock is corrected, where the realm has one. */
export function monotonicNow(): number {
  return typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : Date.now();
}

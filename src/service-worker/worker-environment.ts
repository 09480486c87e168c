/**
 * The questions the service-worker entry asks about its host, in one file, as `../environment.ts`
 * does for the core. They are asked when a binding or check is created, never at import, so
 * tests can replace a global first and a bundle that also runs in tabs or under SSR loads safely.
 */

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

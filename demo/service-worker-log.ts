// What the demo's service worker tells the page about each answer, on a channel of its own.

/** The BroadcastChannel the worker reports on. */
export const SERVICE_WORKER_LOG = 'local-sync-cache-demo:service-worker';

export interface ServedEntry {
  /** The realm that asked (its X-Demo-Realm header). */
  realm: string;
  path: string;
  source: 'cache' | 'network';
  /** The realm asked for a fresh answer. */
  fresh?: boolean;
  /** A network answer was stored in Cache Storage (false: refused, requested before a clear). */
  stored?: boolean;
}

import { describeValue } from '../errors.js';
import type { SyncHub } from '../hub/sync-hub.js';
import { getFetchCheck } from './default-fetch-check.js';
import { FetchCheck } from './fetch-check.js';
import { type EventScope, findServiceWorkerScope } from '../environment.js';
import type { ExtendableEventLike } from './worker-events.js';

export interface CheckOnFetchOptions {
  /** The check to start. @default `getFetchCheck(hub)`, shared with bindings on the same hub */
  check?: FetchCheck;
  /** The hub to check when no `check` is given. @default the default hub */
  hub?: SyncHub;
  /** Where to listen. @default the service worker's global scope */
  scope?: EventScope;
}

/**
 * Starts a check at the very start of every `fetch` and `message` event, and keeps the worker
 * alive until it is done. Starting it early matters: the check that covers a request must start
 * after the request arrived, and the earlier it starts, the sooner the handler can answer.
 * Handlers that read a `LocalSyncCache` still wait for it with `check.forEvent(event)`, which
 * returns this same check; a binding's `match()` finds it by the event's request.
 *
 * Call it at the top level of the worker script: browsers only honour `fetch` listeners added
 * while the script first runs.
 *
 * @returns the function that removes both listeners.
 * @example
 * // service-worker.ts
 * import { checkOnFetch, getFetchCheck } from 'local-sync-cache/service-worker';
 * checkOnFetch();
 * self.addEventListener('message', (event) => {
 *   event.waitUntil(getFetchCheck().forEvent(event).then(() => reply(event, menu.get('items'))));
 * });
 */
export function checkOnFetch(options: CheckOnFetchOptions = {}): () => void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`checkOnFetch: options must be an object, got ${describeValue(options)}; pass { hub } or leave it out.`);
  }
  const { check: givenCheck, hub, scope: givenScope } = options;
  if (givenCheck !== undefined && !(givenCheck instanceof FetchCheck)) {
    throw new TypeError(`checkOnFetch: check must come from createFetchCheck() or getFetchCheck(), got ${describeValue(givenCheck)}.`);
  }
  if (givenCheck && hub && givenCheck.hub !== hub) {
    throw new Error('checkOnFetch: the check given belongs to another hub than the hub given; pass only one of them.');
  }
  const scope = givenScope ?? findServiceWorkerScope();
  if (!scope || typeof scope.addEventListener !== 'function' || typeof scope.removeEventListener !== 'function') {
    throw new TypeError(
      'checkOnFetch: there is no service worker scope here; call it at the top level of a service worker script, ' +
        `or pass { scope } with addEventListener and removeEventListener (got ${describeValue(givenScope)}).`,
    );
  }
  const check = givenCheck ?? getFetchCheck(hub);
  const listener = (event: ExtendableEventLike): void => {
    const covering = check.forEvent(event);
    // Errors (a closed hub) reach whoever awaits the check; here they would only end the worker early.
    if (typeof event.waitUntil === 'function') event.waitUntil(covering.catch(() => undefined));
  };
  scope.addEventListener('fetch', listener);
  scope.addEventListener('message', listener);
  return () => {
    scope.removeEventListener('fetch', listener);
    scope.removeEventListener('message', listener);
  };
}

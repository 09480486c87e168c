import { describeValue, errorText } from '../errors.js';
import type { SyncHub } from '../hub/sync-hub.js';
import { getFetchCheck } from './default-fetch-check.js';
import { type FetchCheck, isFetchCheck } from './fetch-check.js';
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
  if (__DEV__) validateOptions(options);
  const scope = options.scope ?? findServiceWorkerScope();
  if (!scope) {
    throw new TypeError(
      errorText(
        'no-worker-scope',
        __DEV__ &&
          'checkOnFetch: there is no service worker scope here; call it at the top level of a service worker script, ' +
            `or pass { scope } with addEventListener and removeEventListener (got ${describeValue(options.scope)}).`,
      ),
    );
  }
  const check = options.check ?? getFetchCheck(options.hub);
  const listener = (event: ExtendableEventLike): void => {
    // Errors (a closed hub) reach whoever awaits the check; here they would only end the worker early.
    const covering = check.forEvent(event).catch(() => undefined);
    event.waitUntil?.(covering);
  };
  const types = ['fetch', 'message'];
  for (const type of types) scope.addEventListener(type, listener);
  return () => {
    for (const type of types) scope.removeEventListener(type, listener);
  };
}

function validateOptions(options: unknown): asserts options is CheckOnFetchOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`checkOnFetch: options must be an object, got ${describeValue(options)}; pass { hub } or leave it out.`);
  }
  const { check, hub, scope } = options as CheckOnFetchOptions;
  if (check !== undefined && !isFetchCheck(check)) {
    throw new TypeError(`checkOnFetch: check must come from createFetchCheck() or getFetchCheck(), got ${describeValue(check)}.`);
  }
  if (check && hub && check.hub !== hub) {
    throw new Error('checkOnFetch: the check given belongs to another hub than the hub given; pass only one of them.');
  }
  if (scope !== undefined && (typeof scope !== 'object' || scope === null || typeof scope.addEventListener !== 'function' || typeof scope.removeEventListener !== 'function')) {
    throw new TypeError(`checkOnFetch: scope must have addEventListener and removeEventListener, got ${describeValue(scope)}.`);
  }
}

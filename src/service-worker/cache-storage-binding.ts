import { getDefaultHub } from '../hub/default-hub.js';
import { describeValue, errorText } from '../errors.js';
import { type Marker, markerLabel, sameMarker } from '../core/marker.js';
import { SyncHub } from '../hub/sync-hub.js';
import { NAMESPACE_ID } from '../core/namespace-id.js';
import { CONTENT_MARKER_URL, type ContentMarker, contentMarkerResponse, readContentMarker } from './content-marker.js';
import { getFetchCheck } from './default-fetch-check.js';
import { type FetchCheck, isFetchCheck } from './fetch-check.js';
import { answerByStrategy, FETCH_STRATEGIES, type FetchStrategy } from './fetch-strategy.js';
import { findCacheStorage, findFetch } from '../environment.js';
import type { ExtendableEventLike, FetchEventLike } from './worker-events.js';
import { type BindingEvent, type BindingState, bindingStep, INITIAL_BINDING_STATE, isClean } from './binding-state.js';
import { RUN_STATE_KEY, type StrategyRun, type WorkboxCallbackParam, type WorkboxPlugin } from './workbox-plugin.js';

export interface BindCacheStorageOptions {
  /** The Cache Storage cache (as in `caches.open(cacheName)`) whose entries belong to the id. Required. */
  cacheName: string;
  /** The hub that hears clears of the id. @default the hub of `check`, else the default hub */
  hub?: SyncHub;
  /** The check that covers each request before a stored response is served. @default `getFetchCheck(hub)` */
  check?: FetchCheck;
  /** The Cache Storage to use. @default the realm's `caches` */
  caches?: CacheStorage;
  /** How `handleFetch()` reaches the network. @default the realm's `fetch` */
  fetch?: (request: Request) => Promise<Response>;
  /** Receives Cache Storage failures. @default `console.error` */
  onError?: (error: unknown) => void;
}

/** Options of {@link CacheStorageBinding.put}. */
export interface BindingPutOptions {
  /**
   * A {@link CacheStorageBinding.fillToken} taken before the response was requested: the put is
   * refused if the id was cleared since. @default a token taken when `put()` is called
   */
  token?: number;
}

/** What a binding did so far, for logs and tests. */
export interface CacheStorageBindingInformation {
  id: string;
  cacheName: string;
  /** The shared marker the stored contents are recorded under (`epoch:gen`), `(none)`, or `(not recorded)`. */
  contentMarker: string;
  /** Times the bound cache was deleted: for a clear (here or elsewhere), or at start-up for contents it could not vouch for. */
  emptied: number;
  /** Puts refused: the id was cleared after their token, or sync was unavailable. */
  refusedPuts: number;
  /** Matches answered with a miss because the contents could not be vouched for yet. */
  bypassedMatches: number;
}

/**
 * A Cache Storage cache tied to a cache id: when the id is cleared anywhere (a tab, another
 * worker, this worker), the cache's entries are dropped before another response is served from
 * them, even when the clear was made while this worker was stopped. Made by {@link bindCacheStorage}.
 *
 * How. The binding watches the id on the hub (`hub.watch`), so every clear the hub learns of (a nudge, a check,
 * a clear here) deletes the whole Cache Storage cache; deleting, rather than removing entries one
 * by one, is atomic and also strands puts that were under way. Inside the cache it keeps a content
 * marker: the shared marker the contents belong to. A restarted worker knows nothing else, so
 * before the first match it checks the shared marker and keeps the contents only if the content
 * marker names that same clear.
 */
export interface CacheStorageBinding {
  /** The cache id whose clears empty the bound cache. */
  readonly id: string;
  /** The bound Cache Storage cache. */
  readonly cacheName: string;
  /** The hub that hears clears of the id. */
  readonly hub: SyncHub;
  /**
   * The stored response for `request`, or `undefined`. Answers only after a check that started
   * after the call, or after the arrival of the fetch event whose request this is, so that
   * nothing stored before a clear completed elsewhere is returned, even by a worker that was
   * stopped during the clear. Misses (without reading) while sync is unavailable.
   *
   * @example
   * const hit = await api.match(event.request);
   */
  match(request: RequestInfo | URL, options?: CacheQueryOptions): Promise<Response | undefined>;
  /**
   * Stores `response` for `request`, unless the id was cleared after the token was taken (the
   * response may be older than the clear) or sync is unavailable.
   * @returns whether it was stored.
   * @example
   * const token = api.fillToken();
   * const response = await fetch(request);
   * event.waitUntil(api.put(request, response.clone(), { token }));
   */
  put(request: RequestInfo | URL, response: Response, options?: BindingPutOptions): Promise<boolean>;
  /** A token for {@link CacheStorageBinding.put}: take it before requesting the response. */
  fillToken(): number;
  /**
   * Clears the id everywhere: this cache's entries, every tab's and worker's `LocalSyncCache` of
   * the id and their bound caches. Resolves when the shared marker is committed and the
   * entries here are deleted. Never rejects for store trouble (that goes to the hub's `onError`).
   */
  clear(): Promise<void>;
  /**
   * Answers a `fetch` event from the bound cache by `strategy` (see {@link FetchStrategy}); call it
   * in your `fetch` listener for the requests that belong to this cache. Requests other than GET
   * are left to the browser: Cache Storage only stores GET. With Workbox, use
   * {@link CacheStorageBinding.workboxPlugin} instead.
   * @default strategy `'cache-first'`
   *
   * @example
   * self.addEventListener('fetch', (event) => {
   *   if (new URL(event.request.url).pathname.startsWith('/api/')) api.handleFetch(event, 'stale-while-revalidate');
   * });
   */
  handleFetch(event: FetchEventLike, strategy?: FetchStrategy): void;
  /**
   * A plugin for workbox-strategies (`CacheFirst`, `StaleWhileRevalidate`, `NetworkFirst`) whose
   * `cacheName` is this binding's: it starts the covering check when the strategy starts, serves
   * a cached response only once that check vouches for it, refuses to store a response requested
   * before a clear, and removes one that was written across a clear. Its `cacheWillUpdate` replaces
   * Workbox's default rule and keeps it: only `200` answers are stored (no opaque ones). Create one
   * plugin per strategy; each strategy run keeps its fill token in the plugin state Workbox gives it.
   *
   * @throws Error after `dispose()`.
   *
   * @example
   * registerRoute(({ url }) => url.pathname.startsWith('/api/'),
   *   new StaleWhileRevalidate({ cacheName: api.cacheName, plugins: [api.workboxPlugin()] }));
   */
  workboxPlugin(): WorkboxPlugin;
  /** Counters and the recorded content marker (a copy). */
  readonly information: CacheStorageBindingInformation;
  /** Whether {@link CacheStorageBinding.dispose} was called. */
  readonly disposed: boolean;
  /**
   * Stops applying clears to the cache (its entries stay) and frees the cache name for another
   * binding. Later calls of `match()`, `put()`, `clear()`, `handleFetch()` and `workboxPlugin()` throw.
   */
  dispose(): void;
}

// The ids of the live bindings per Cache Storage and cache name, created on first use (nothing
// happens at import).
let liveBindings: WeakMap<CacheStorage, Map<string, string>> | undefined;

/**
 * Binds a Cache Storage cache to a cache id; see {@link CacheStorageBinding}. Create bindings at
 * the top level of the worker script; `match()`, `put()` and `handleFetch()` then do what is
 * needed on each request.
 *
 * The binding's state is a pure machine (binding-state.ts); this function only does the I/O.
 * Written as a closure rather than a class: its private state then minifies to short names.
 *
 * @example
 * // service-worker.ts
 * import { bindCacheStorage, checkOnFetch } from 'local-sync-cache/service-worker';
 * const api = bindCacheStorage('api', { cacheName: 'api-v1' });
 * checkOnFetch();
 * self.addEventListener('fetch', (event) => {
 *   if (new URL(event.request.url).pathname.startsWith('/api/')) api.handleFetch(event, 'cache-first');
 * });
 * // in any tab, after the data behind /api/ changed:
 * await new LocalSyncCache('api').clear(); // the worker's next /api/ answer comes from the network
 */
export function bindCacheStorage(id: string, options: BindCacheStorageOptions): CacheStorageBinding {
  if (__DEV__) validateOptions(id, options);
  const { cacheName } = options;
  const caches = options.caches ?? findCacheStorage();
  if (!caches) {
    throw new Error(
      errorText(
        'no-cache-storage',
        __DEV__ &&
          `bindCacheStorage(${JSON.stringify(id)}): this realm has no Cache Storage; it exists in service workers and pages ` +
            'of secure contexts (https, or http://localhost). Pass { caches } to use another implementation.',
      ),
    );
  }
  const bound = (liveBindings ??= new WeakMap()).get(caches) ?? new Map<string, string>();
  if (bound.has(cacheName)) {
    throw new Error(
      errorText(
        'cache-already-bound',
        __DEV__ &&
          `bindCacheStorage(${JSON.stringify(id)}): Cache Storage cache ${JSON.stringify(cacheName)} is already bound ` +
            `(to id ${JSON.stringify(bound.get(cacheName))}) in this realm; reuse that binding, bind another cacheName, or call dispose() on it first.`,
      ),
    );
  }
  const hub = options.hub ?? options.check?.hub ?? getDefaultHub();
  const check = options.check ?? getFetchCheck(hub);
  const fetchRequest = options.fetch ?? findFetch();
  const onError = options.onError ?? ((error: unknown) => console.error('local-sync-cache:', error));

  /** What the binding knows of its contents (binding-state.ts). */
  let state: BindingState = INITIAL_BINDING_STATE;
  /**
   * Storage upkeep (start-up reconciliation, deletions, content-marker writes), one step at a
   * time in the order asked: a content marker is written only after the deletions before it.
   */
  let upkeep: Promise<void> = Promise.resolve();
  let reconcileQueued = false;
  /** The content marker stored in the cache, as far as this realm knows; `undefined`: none. */
  let recorded: ContentMarker | undefined;
  let disposed = false;
  let emptied = 0;
  let refusedPuts = 0;
  let bypassedMatches = 0;

  const open = (): Promise<Cache> => caches.open(cacheName);
  /** Deletes the bound cache, and with it the content marker it held. */
  const drop = async (): Promise<void> => {
    await caches.delete(cacheName);
    emptied++;
    recorded = undefined;
  };
  const queue = (step: () => Promise<void>): void => {
    upkeep = upkeep.then(step).catch(onError);
  };
  const fillToken = (): number => state.generation;

  /** Whether stored responses may be served and fills of `token` stored: the contents are clean and markers shared. */
  const vouches = (token = state.generation): boolean =>
    // Without a shared store, a clear made while this worker was stopped would go unseen.
    isClean(state) && token === state.generation && hub.sharing !== 'local-only';

  /** Whether the hub's adopted markers (the id's and the namespace-wide one) are the ones recorded in the cache. */
  const recordedIs = (marker: Marker | null, namespace: Marker | null): boolean =>
    recorded !== undefined && sameMarker(recorded.marker, marker) && sameMarker(recorded.namespace, namespace);

  /** Feeds an event to the machine and carries out the deletion it asks for. */
  const apply = (event: BindingEvent): void => {
    const { state: next, deleteAt } = bindingStep(state, event);
    state = next;
    if (deleteAt === undefined) return;
    queue(() =>
      drop().then(
        () => {
          apply({ type: 'deleted', generation: deleteAt });
          return writeContentMarker();
        },
        (error: unknown) => {
          apply({ type: 'deleteFailed' });
          throw error;
        },
      ),
    );
  };

  /**
   * Records the hub's adopted marker as the one the contents belong to. Only while the contents
   * are clean: a content marker written ahead of a pending deletion would let a restarted worker
   * keep contents older than that clear.
   */
  const writeContentMarker = async (): Promise<void> => {
    const { generation } = state;
    const marker = hub.adoptedMarker(id);
    const namespace = hub.adoptedMarker(NAMESPACE_ID);
    if (!vouches() || marker === undefined || namespace === undefined || recordedIs(marker, namespace)) return;
    // The markers are read before the awaits below on purpose: if an emptying comes meanwhile,
    // the contents still reflect them, and the emptying's deletion follows this step.
    await (await open()).put(CONTENT_MARKER_URL, contentMarkerResponse(id, marker, namespace));
    if (generation === state.generation) recorded = { id, marker, namespace };
  };

  /**
   * Start-up: keeps what Cache Storage holds only if its content marker names the clear the
   * shared store holds now, for the id and for the whole namespace (a reset). Anything else (no
   * content marker, another id's, an older or a lost marker) may predate a clear made while the
   * worker was stopped, and is deleted.
   *
   * `covering` gives the first use's check: it started after the binding was registered (bindings
   * are made when the worker script runs, before any event), so a clear either shows in its read
   * or reaches the registration as an emptying. Sharing it spares a restarted worker's first
   * request a second read. Were it older than the registration, the id's marker would simply be
   * unknown below, and the contents deleted: spurious, never stale.
   */
  const reconcile = async (covering: () => Promise<unknown>): Promise<void> => {
    await covering();
    const adopted = hub.adoptedMarker(id);
    // A reset (the namespace-wide marker) clears the id without moving its own marker.
    const namespace = hub.adoptedMarker(NAMESPACE_ID);
    apply({ type: 'verify' });
    // Asked first because open() would create the cache. Nothing is recorded before this step:
    // writes wait for the contents to be verified.
    if (await caches.has(cacheName)) {
      recorded = await readContentMarker(await open(), id);
      if (!(adopted !== undefined && namespace !== undefined && recordedIs(adopted, namespace))) await drop();
    }
    apply({ type: 'verified' });
    await writeContentMarker();
  };

  /** Queues start-up reconciliation at first use; `covering` gives the check of that first use. */
  const queueReconcile = (covering: () => Promise<unknown>): void => {
    if (reconcileQueued) return;
    reconcileQueued = true;
    queue(() =>
      reconcile(covering).catch((error: unknown) => {
        apply({ type: 'unverifiable' });
        throw error;
      }),
    );
  };

  /** The check covering `request` (the event's, when there is one); queues start-up reconciliation with it. */
  const covering = (request: unknown, event?: ExtendableEventLike | null): Promise<unknown> => {
    const found = event ? check.forEvent(event) : check.forRequest(request);
    queueReconcile(() => found);
    return found;
  };

  /** Waits for `checked`, then for the upkeep it caused: afterwards the state reflects every clear it found. */
  const settle = async (checked?: Promise<unknown>): Promise<void> => {
    await checked;
    // Records the marker the check adopted, if the stored one does not name it (and the contents are clean then).
    queue(writeContentMarker);
    await upkeep;
  };

  /** Reads the cache now; the caller has settled a covering check. */
  const matchNow = async (request: RequestInfo | URL, matchOptions?: CacheQueryOptions): Promise<Response | undefined> => {
    if (!vouches()) {
      bypassedMatches++;
      // A worker without shared markers, or stopping, does not delete what it cannot check.
      if (hub.sharing !== 'local-only' && !hub.closed) apply({ type: 'untrusted' });
      return undefined;
    }
    return (await (await open()).match(request, matchOptions)) ?? undefined;
  };

  const refused = (): false => {
    refusedPuts++;
    return false;
  };

  const assertLive = (api: string | false): void => {
    if (disposed) {
      throw new Error(
        errorText(
          'binding-disposed',
          __DEV__ &&
            `bindCacheStorage(${JSON.stringify(id)}): ${api} was called after dispose(); bind the cache again with bindCacheStorage(${JSON.stringify(id)}, { cacheName: ${JSON.stringify(cacheName)} }).`,
        ),
      );
    }
  };

  const binding: CacheStorageBinding = {
    id,
    cacheName,
    hub,
    match(request, matchOptions) {
      // Programmer errors throw at the call, not in the promise, as everywhere in the library.
      assertLive(__DEV__ && 'match()');
      return settle(covering(request)).then(() => matchNow(request, matchOptions));
    },
    put(request, response, putOptions = {}) {
      assertLive(__DEV__ && 'put()');
      if (__DEV__ && (typeof putOptions !== 'object' || putOptions === null)) {
        throw new TypeError(`bindCacheStorage(${JSON.stringify(id)}): put() options must be an object, got ${describeValue(putOptions)}; for example { token }.`);
      }
      const token = putOptions.token ?? fillToken();
      if (__DEV__ && typeof token !== 'number') {
        throw new TypeError(`bindCacheStorage(${JSON.stringify(id)}): put() token must come from fillToken(), got ${describeValue(token)}.`);
      }
      queueReconcile(() => check.forRequest(request));
      return (async () => {
        await settle();
        // Asked before open(), which would create the cache, and again after it: a clear that came
        // meanwhile may have deleted the cache and this open may have made a fresh one, which the
        // deletion will not touch again.
        const cache = vouches(token) && (await open());
        if (!cache || !vouches(token)) return refused();
        await cache.put(request, response);
        return true;
      })();
    },
    fillToken,
    clear() {
      assertLive(__DEV__ && 'clear()');
      queueReconcile(() => check.check());
      return hub.clear(id).then(() => settle());
    },
    handleFetch(event, strategy = 'cache-first') {
      assertLive(__DEV__ && 'handleFetch()');
      if (__DEV__) validateFetch(id, event, strategy);
      if (!fetchRequest) {
        throw new Error(errorText('no-fetch', __DEV__ && `bindCacheStorage(${JSON.stringify(id)}): handleFetch() needs fetch, which this realm lacks; pass { fetch } to bindCacheStorage().`));
      }
      const { request } = event;
      if (request.method !== 'GET') return;
      // Asked while the event is dispatched, so the covering check starts as early as it may;
      // match() finds it again through the request.
      void covering(request, event).catch(() => undefined);
      event.respondWith(answerByStrategy(strategy, binding, request, fetchRequest, (promise) => event.waitUntil(promise), onError));
    },
    workboxPlugin() {
      assertLive(__DEV__ && 'workboxPlugin()');
      // Each callback waits for what it needs and never throws: trouble (a failed check, a
      // strategy on another cache) goes to `onError`, and the plugin then vetoes rather than
      // serve or store what it cannot vouch for.
      /**
       * The handler's run; started here if the strategy skipped `handlerWillStart` (a hand-made
       * handler), and kept only for this call if it passes no plugin state.
       */
      const runOf = ({ request, event, state: runState = {} }: WorkboxCallbackParam): StrategyRun =>
        (runState[RUN_STATE_KEY] ??= {
          // The check first: the token and cleanliness are those after it was asked. Settled at
          // once, so a run reports a failed check once, whichever callbacks wait for it. Workbox
          // passes the fetch event, or nothing; a check keyed by any object (or by the request) is as good.
          ready: settle(covering(request, typeof event === 'object' ? (event as ExtendableEventLike | null) : undefined)).then(
            () => true,
            (error: unknown) => {
              onError(error);
              return false;
            },
          ),
          token: fillToken(),
          clean: isClean(state),
        } satisfies StrategyRun) as StrategyRun;
      return {
        // Started as the strategy starts, before it reads the cache or the network: the check must
        // start after the request arrived, and the token before the network is asked.
        async handlerWillStart(param) {
          runOf(param);
        },
        async cachedResponseWillBeUsed(param) {
          const { cachedResponse, cacheName: read, request, matchOptions } = param;
          if (!cachedResponse) return null;
          if (read !== cacheName) {
            onError(
              new Error(
                errorText(
                  'workbox-cache-name',
                  __DEV__ && `workboxPlugin(): the strategy reads cache "${read}" but the binding is for "${cacheName}"; pass { cacheName: binding.cacheName } to the strategy.`,
                ),
              ),
            );
            return null;
          }
          const run = runOf(param);
          if (!(await run.ready) || !vouches(run.token)) return null;
          // The strategy read the cache before the check: that read is good only if no deletion was
          // pending then (clean) and none came since (same token). Otherwise, read again now.
          if (run.clean) return cachedResponse;
          return (await matchNow(request, matchOptions).catch(onError)) ?? null;
        },
        async cacheWillUpdate(param) {
          const { response } = param;
          // A plugin's cacheWillUpdate replaces Workbox's default rule, which stores only 200 answers.
          if (response?.status !== 200) return null;
          const run = runOf(param);
          return (await run.ready) && vouches(run.token) ? response : refused() || null;
        },
        async cacheDidUpdate(param) {
          // Cleared between cacheWillUpdate and the write: the write may have landed after the
          // deletion (in a cache Workbox opened anew), so take the entry out again.
          if (vouches(runOf(param).token)) return;
          try {
            await upkeep;
            // has() first: open() would create the cache, which the next start would then distrust.
            if (await caches.has(cacheName)) await (await open()).delete(param.request);
          } catch (error) {
            onError(error);
          }
        },
      };
    },
    get information() {
      return {
        id,
        cacheName,
        contentMarker: recorded ? markerLabel(recorded.marker) : '(not recorded)',
        emptied,
        refusedPuts,
        bypassedMatches,
      };
    },
    get disposed() {
      return disposed;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unwatch();
      bound.delete(cacheName);
    },
  };
  const unwatch = hub.watch(id, (cause) => apply({ type: 'emptied', cause }));
  bound.set(cacheName, id);
  liveBindings.set(caches, bound);
  return binding;
}

function validateOptions(id: unknown, options: unknown): asserts options is BindCacheStorageOptions {
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(`bindCacheStorage: the id must be a non-empty string, got ${describeValue(id)}; use the id your tabs clear, e.g. bindCacheStorage('api', { cacheName: 'api-v1' }).`);
  }
  const prefix = `bindCacheStorage(${JSON.stringify(id)})`;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${prefix}: options with a cacheName are required, got ${describeValue(options)}; for example { cacheName: 'api-v1' }.`);
  }
  const { cacheName, hub, check, caches, fetch, onError } = options as Record<string, unknown>;
  if (typeof cacheName !== 'string' || cacheName.length === 0) {
    throw new TypeError(`${prefix}: cacheName must name the Cache Storage cache to bind, got ${describeValue(cacheName)}; for example { cacheName: 'api-v1' }.`);
  }
  if (hub !== undefined && !(hub instanceof SyncHub)) {
    throw new TypeError(`${prefix}: hub must come from createSyncHub(), got ${describeValue(hub)}; leave it out to use the default hub.`);
  }
  if (check !== undefined && !isFetchCheck(check)) {
    throw new TypeError(`${prefix}: check must come from createFetchCheck() or getFetchCheck(), got ${describeValue(check)}.`);
  }
  if (isFetchCheck(check) && hub !== undefined && check.hub !== hub) {
    throw new Error(`${prefix}: the check given belongs to another hub than the hub given; pass only one of them, or createFetchCheck({ hub }).`);
  }
  if (caches !== undefined && !(typeof caches === 'object' && caches !== null && ['open', 'has', 'delete'].every((name) => typeof (caches as Record<string, unknown>)[name] === 'function'))) {
    throw new TypeError(`${prefix}: caches must be a CacheStorage (open, has, delete), got ${describeValue(caches)}; leave it out to use the realm's.`);
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw new TypeError(`${prefix}: fetch must be a function, got ${describeValue(fetch)}.`);
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError(`${prefix}: onError must be a function, got ${describeValue(onError)}.`);
}

function validateFetch(id: string, event: unknown, strategy: unknown): void {
  const prefix = `bindCacheStorage(${JSON.stringify(id)})`;
  const { respondWith, request } = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  if (typeof respondWith !== 'function' || !(request instanceof Request)) {
    throw new TypeError(`${prefix}: handleFetch() needs the fetch event being handled, got ${describeValue(event)}; call it as binding.handleFetch(event) in a fetch listener.`);
  }
  if (!FETCH_STRATEGIES.includes(strategy as FetchStrategy)) {
    throw new TypeError(`${prefix}: handleFetch() strategy must be ${FETCH_STRATEGIES.map((name) => `'${name}'`).join(', ')}, got ${describeValue(strategy)}.`);
  }
}

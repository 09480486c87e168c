import { getDefaultHub } from '../hub/default-hub.js';
import { describeValue } from '../errors.js';
import { markerLabel, sameMarker } from '../core/marker.js';
import { SyncHub } from '../hub/sync-hub.js';
import { CONTENT_MARKER_URL, type ContentMarker, contentMarkerResponse, readContentMarker } from './content-marker.js';
import { getFetchCheck } from './default-fetch-check.js';
import { FetchCheck } from './fetch-check.js';
import { answerByStrategy, FETCH_STRATEGIES, type FetchStrategy } from './fetch-strategy.js';
import { findCacheStorage, findFetch } from '../environment.js';
import type { ExtendableEventLike, FetchEventLike } from './worker-events.js';
import { type BindingEvent, type BindingState, bindingStep, INITIAL_BINDING_STATE, isClean } from './binding-state.js';
import { createWorkboxPlugin, type WorkboxPlugin } from './workbox-plugin.js';

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

// Live bindings per Cache Storage and cache name, created on first use (nothing happens at import).
let liveBindings: WeakMap<CacheStorage, Map<string, CacheStorageBinding>> | undefined;

/**
 * Ties a Cache Storage cache to a cache id: when the id is cleared anywhere (a tab, another
 * worker, this worker), the cache's entries are dropped before another response is served from
 * them, even when the clear was made while this worker was stopped.
 *
 * How. The binding watches the id on the hub (`hub.watch`), so every clear the hub learns of (a nudge, a check,
 * a clear here) deletes the whole Cache Storage cache; deleting, rather than removing entries one
 * by one, is atomic and also strands puts that were under way. Inside the cache it keeps a content
 * marker: the shared marker the contents belong to. A restarted worker knows nothing else, so
 * before the first match it checks the shared marker and keeps the contents only if the content
 * marker names that same clear.
 *
 * Create bindings at the top level of the worker script; `match()`, `put()` and `handleFetch()`
 * then do what is needed on each request.
 */
export class CacheStorageBinding {
  /** The cache id whose clears empty the bound cache. */
  readonly id: string;
  /** The bound Cache Storage cache. */
  readonly cacheName: string;
  /** The hub that hears clears of the id. */
  readonly hub: SyncHub;
  readonly #check: FetchCheck;
  readonly #caches: CacheStorage;
  readonly #fetch: ((request: Request) => Promise<Response>) | undefined;
  readonly #onError: (error: unknown) => void;
  /** Stops hearing the id's clears (`hub.watch`). */
  readonly #unwatch: () => void;
  /** What the binding knows of its contents: a pure machine (binding-state.ts); this class only does the I/O. */
  #state: BindingState = INITIAL_BINDING_STATE;
  /**
   * Storage upkeep (start-up reconciliation, deletions, content-marker writes), one step at a
   * time in the order asked: a content marker is written only after the deletions before it.
   */
  #upkeep: Promise<void> = Promise.resolve();
  #reconcileQueued = false;
  /** The content marker stored in the cache, as far as this realm knows; `undefined`: none. */
  #recorded: ContentMarker | undefined;
  #disposed = false;
  #emptied = 0;
  #refusedPuts = 0;
  #bypassedMatches = 0;

  /** Use {@link bindCacheStorage}. */
  constructor(id: string, options: BindCacheStorageOptions) {
    validateOptions(id, options);
    const caches = options.caches ?? findCacheStorage();
    if (!caches) {
      throw new Error(
        `bindCacheStorage(${JSON.stringify(id)}): this realm has no Cache Storage; it exists in service workers and pages ` +
          'of secure contexts (https, or http://localhost). Pass { caches } to use another implementation.',
      );
    }
    const bound = (liveBindings ??= new WeakMap()).get(caches) ?? new Map<string, CacheStorageBinding>();
    const other = bound.get(options.cacheName);
    if (other) {
      throw new Error(
        `bindCacheStorage(${JSON.stringify(id)}): Cache Storage cache ${JSON.stringify(options.cacheName)} is already bound ` +
          `(to id ${JSON.stringify(other.id)}) in this realm; reuse that binding, bind another cacheName, or call dispose() on it first.`,
      );
    }
    this.id = id;
    this.cacheName = options.cacheName;
    this.hub = options.hub ?? options.check?.hub ?? getDefaultHub();
    this.#check = options.check ?? getFetchCheck(this.hub);
    this.#caches = caches;
    this.#fetch = options.fetch ?? findFetch();
    this.#onError = options.onError ?? ((error) => console.error('local-sync-cache/service-worker:', error));
    this.#unwatch = this.hub.watch(id, (cause) => this.#apply({ type: 'emptied', cause }));
    bound.set(this.cacheName, this);
    liveBindings.set(caches, bound);
  }

  /**
   * The stored response for `request`, or `undefined`. Answers only after a check that started
   * after the call, or after the arrival of the fetch event whose request this is, so that
   * nothing stored before a clear completed elsewhere is returned, even by a worker that was
   * stopped during the clear. Misses (without reading) while sync is unavailable.
   *
   * @example
   * const hit = await api.match(event.request);
   */
  match(request: RequestInfo | URL, options?: CacheQueryOptions): Promise<Response | undefined> {
    // Programmer errors throw at the call, not in the promise, as everywhere in the library.
    this.#assertLive('match()');
    return this.#settle(this.#covering(request)).then(() => this.#matchNow(request, options));
  }

  /** Reads the cache now; the caller has settled a covering check. */
  async #matchNow(request: RequestInfo | URL, options?: CacheQueryOptions): Promise<Response | undefined> {
    if (!this.#vouches()) {
      this.#bypassedMatches += 1;
      this.#apply({ type: 'untrusted' });
      return undefined;
    }
    return (await (await this.#caches.open(this.cacheName)).match(request, options)) ?? undefined;
  }

  /**
   * Stores `response` for `request`, unless the id was cleared after the token was taken (the
   * response may be older than the clear) or sync is unavailable.
   * @returns whether it was stored.
   * @example
   * const token = api.fillToken();
   * const response = await fetch(request);
   * event.waitUntil(api.put(request, response.clone(), { token }));
   */
  put(request: RequestInfo | URL, response: Response, options: BindingPutOptions = {}): Promise<boolean> {
    this.#assertLive('put()');
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`${this.#label()}: put() options must be an object, got ${describeValue(options)}; for example { token }.`);
    }
    const token = options.token ?? this.fillToken();
    if (typeof token !== 'number') {
      throw new TypeError(`${this.#label()}: put() token must come from fillToken(), got ${describeValue(token)}.`);
    }
    this.#queueReconcile(() => this.#check.forRequest(request));
    return this.#put(request, response, token);
  }

  async #put(request: RequestInfo | URL, response: Response, token: number): Promise<boolean> {
    await this.#settle();
    if (!this.#vouches(token)) {
      this.#refusedPuts += 1;
      return false;
    }
    const cache = await this.#caches.open(this.cacheName);
    // Asked again after the await: a clear that came meanwhile may have deleted the cache and this
    // open may have made a fresh one, which the deletion will not touch again.
    if (!this.#vouches(token)) {
      this.#refusedPuts += 1;
      return false;
    }
    await cache.put(request, response);
    return true;
  }

  /** A token for {@link CacheStorageBinding.put}: take it before requesting the response. */
  fillToken(): number {
    return this.#state.generation;
  }

  /**
   * Clears the id everywhere: this cache's entries, every tab's and worker's `LocalSyncCache` of
   * the id and their bound caches. Resolves when the shared marker is committed and the
   * entries here are deleted. Never rejects for store trouble (that goes to the hub's `onError`).
   */
  clear(): Promise<void> {
    this.#assertLive('clear()');
    this.#queueReconcile(() => this.#check.check());
    return this.hub.clear(this.id).then(() => this.#settle());
  }

  /**
   * Answers a `fetch` event from the bound cache by `strategy` (see {@link FetchStrategy}); call it
   * in your `fetch` listener for the requests that belong to this cache. Requests other than GET
   * are left to the browser: Cache Storage only stores GET. With Workbox, use
   * {@link CacheStorageBinding.workboxPlugin} instead.
   *
   * @example
   * self.addEventListener('fetch', (event) => {
   *   if (new URL(event.request.url).pathname.startsWith('/api/')) api.handleFetch(event, 'stale-while-revalidate');
   * });
   */
  handleFetch(event: FetchEventLike, strategy: FetchStrategy = 'cache-first'): void {
    this.#assertLive('handleFetch()');
    if (typeof event !== 'object' || event === null || typeof event.respondWith !== 'function' || !(event.request instanceof Request)) {
      throw new TypeError(`${this.#label()}: handleFetch() needs the fetch event being handled, got ${describeValue(event)}; call it as binding.handleFetch(event) in a fetch listener.`);
    }
    if (!FETCH_STRATEGIES.includes(strategy)) {
      throw new TypeError(`${this.#label()}: handleFetch() strategy must be ${FETCH_STRATEGIES.map((name) => `'${name}'`).join(', ')}, got ${describeValue(strategy)}.`);
    }
    const fetchRequest = this.#fetch;
    if (!fetchRequest) {
      throw new Error(`${this.#label()}: handleFetch() needs fetch, which this realm lacks; pass { fetch } to bindCacheStorage().`);
    }
    if (event.request.method !== 'GET') return;
    // Asked while the event is dispatched, so the covering check starts as early as it may;
    // match() finds it again through the request.
    void this.#covering(event.request, event).catch(() => undefined);
    event.respondWith(
      answerByStrategy(strategy, {
        request: event.request,
        match: (request) => this.match(request),
        fillToken: () => this.fillToken(),
        put: (request, response, token) => this.put(request, response, { token }),
        fetch: fetchRequest,
        waitUntil: (promise) => event.waitUntil(promise),
        onError: this.#onError,
      }),
    );
  }

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
  workboxPlugin(): WorkboxPlugin {
    this.#assertLive('workboxPlugin()');
    return createWorkboxPlugin({
      cacheName: this.cacheName,
      start: (request, event) => {
        const covering = this.#covering(request, event);
        return { token: this.fillToken(), clean: isClean(this.#state), covering };
      },
      settle: (covering) => this.#settle(covering),
      vouches: (token) => this.#vouches(token),
      matchNow: (request, options) => this.#matchNow(request, options),
      remove: async (request) => {
        await this.#upkeep;
        // has() first: open() would create the cache, which the next start would then distrust.
        if (await this.#caches.has(this.cacheName)) await (await this.#caches.open(this.cacheName)).delete(request);
      },
      refused: () => (this.#refusedPuts += 1),
      onError: this.#onError,
    });
  }

  /** Counters and the recorded content marker (a copy). */
  get information(): CacheStorageBindingInformation {
    return {
      id: this.id,
      cacheName: this.cacheName,
      contentMarker: this.#recorded ? markerLabel(this.#recorded.marker) : '(not recorded)',
      emptied: this.#emptied,
      refusedPuts: this.#refusedPuts,
      bypassedMatches: this.#bypassedMatches,
    };
  }

  /** Whether {@link CacheStorageBinding.dispose} was called. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Stops applying clears to the cache (its entries stay) and frees the cache name for another
   * binding. Later calls of `match()`, `put()`, `clear()` and `handleFetch()` throw.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#unwatch();
    const bound = liveBindings?.get(this.#caches);
    if (bound?.get(this.cacheName) === this) bound.delete(this.cacheName);
  }

  /** The check covering `request` (the event's, when there is one); queues start-up reconciliation with it. */
  #covering(request: RequestInfo | URL, event?: ExtendableEventLike): Promise<unknown> {
    const covering = event ? this.#check.forEvent(event) : this.#check.forRequest(request);
    this.#queueReconcile(covering);
    return covering;
  }

  /** Waits for `covering`, then for the upkeep it caused: afterwards the state reflects every clear it found. */
  async #settle(covering?: Promise<unknown>): Promise<void> {
    await covering;
    this.#recordAdoptedMarker();
    await this.#upkeep;
  }

  /** Whether stored responses may be served and fills of `token` stored: the contents are clean and markers shared. */
  #vouches(token = this.#state.generation): boolean {
    // Without a shared store, a clear made while this worker was stopped would go unseen.
    return isClean(this.#state) && token === this.#state.generation && this.hub.sharing !== 'local-only';
  }

  /** Feeds an event to the machine and carries out the deletion it asks for. */
  #apply(event: BindingEvent): void {
    if (event.type === 'untrusted' && (this.hub.sharing === 'local-only' || this.hub.closed)) return;
    const { state, deleteAt } = bindingStep(this.#state, event);
    this.#state = state;
    if (deleteAt === undefined) return;
    this.#queue(async () => {
      try {
        await this.#caches.delete(this.cacheName);
      } catch (error) {
        this.#apply({ type: 'deleteFailed' });
        throw error;
      }
      this.#emptied += 1;
      this.#recorded = undefined;
      this.#apply({ type: 'deleted', generation: deleteAt });
      await this.#writeContentMarker();
    });
  }

  /** Queues start-up reconciliation at first use; `covering` is the check of that first use. */
  #queueReconcile(covering: Promise<unknown> | (() => Promise<unknown>)): void {
    if (this.#reconcileQueued) return;
    this.#reconcileQueued = true;
    this.#queue(async () => {
      try {
        await this.#reconcile(typeof covering === 'function' ? covering() : covering);
      } catch (error) {
        this.#apply({ type: 'unverifiable' });
        throw error;
      }
    });
  }

  /**
   * Start-up: keeps what Cache Storage holds only if its content marker names the clear the
   * shared store holds now. Anything else (no content marker, another id's, an older or a lost
   * marker) may predate a clear made while the worker was stopped, and is deleted.
   */
  async #reconcile(covering: Promise<unknown>): Promise<void> {
    // The first use's check: it started after the binding was registered (bindings are made when
    // the worker script runs, before any event), so a clear either shows in its read or reaches
    // the registration as an emptying. Sharing it spares a restarted worker's first request a
    // second read. Were it older than the registration, the id's marker would simply be unknown
    // below, and the contents deleted: spurious, never stale.
    await covering;
    const adopted = this.hub.adoptedMarker(this.id);
    this.#apply({ type: 'verify' });
    let recorded: ContentMarker | undefined;
    // Asked first because open() would create the cache.
    const exists = await this.#caches.has(this.cacheName);
    if (exists) recorded = await readContentMarker(await this.#caches.open(this.cacheName));
    const vouched = adopted !== undefined && recorded !== undefined && recorded.id === this.id && sameMarker(recorded.marker, adopted);
    if (exists && !vouched) {
      await this.#caches.delete(this.cacheName);
      this.#emptied += 1;
      recorded = undefined;
    }
    this.#recorded = recorded;
    this.#apply({ type: 'verified' });
    await this.#writeContentMarker();
  }

  /** Queues a content-marker write when the hub adopted a marker the stored one does not name. */
  #recordAdoptedMarker(): void {
    const marker = this.hub.adoptedMarker(this.id);
    if (marker === undefined || !this.#vouches()) return;
    if (this.#recorded && sameMarker(this.#recorded.marker, marker)) return;
    this.#queue(() => this.#writeContentMarker());
  }

  /**
   * Records the hub's adopted marker as the one the contents belong to. Only while the contents
   * are clean: a content marker written ahead of a pending deletion would let a restarted worker
   * keep contents older than that clear.
   */
  async #writeContentMarker(): Promise<void> {
    if (!this.#vouches()) return;
    const generation = this.#state.generation;
    const marker = this.hub.adoptedMarker(this.id);
    if (marker === undefined || (this.#recorded && sameMarker(this.#recorded.marker, marker))) return;
    // The marker is read before the awaits below on purpose: if an emptying comes meanwhile,
    // the contents still reflect this marker, and the emptying's deletion follows this step.
    const cache = await this.#caches.open(this.cacheName);
    await cache.put(CONTENT_MARKER_URL, contentMarkerResponse(this.id, marker));
    if (generation === this.#state.generation) this.#recorded = { id: this.id, marker };
  }

  #queue(step: () => Promise<void>): void {
    this.#upkeep = this.#upkeep.then(step).catch((error: unknown) => this.#onError(error));
  }

  #label(): string {
    return `bindCacheStorage(${JSON.stringify(this.id)})`;
  }

  #assertLive(api: string): void {
    if (this.#disposed) {
      throw new Error(`${this.#label()}: ${api} was called after dispose(); bind the cache again with bindCacheStorage(${JSON.stringify(this.id)}, { cacheName: ${JSON.stringify(this.cacheName)} }).`);
    }
  }
}

/**
 * Binds a Cache Storage cache to a cache id; see {@link CacheStorageBinding}.
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
  return new CacheStorageBinding(id, options);
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
  if (check !== undefined && !(check instanceof FetchCheck)) {
    throw new TypeError(`${prefix}: check must come from createFetchCheck() or getFetchCheck(), got ${describeValue(check)}.`);
  }
  if (check instanceof FetchCheck && hub !== undefined && check.hub !== hub) {
    throw new Error(`${prefix}: the check given belongs to another hub than the hub given; pass only one of them, or createFetchCheck({ hub }).`);
  }
  if (caches !== undefined && !(typeof caches === 'object' && caches !== null && ['open', 'has', 'delete'].every((name) => typeof (caches as Record<string, unknown>)[name] === 'function'))) {
    throw new TypeError(`${prefix}: caches must be a CacheStorage (open, has, delete), got ${describeValue(caches)}; leave it out to use the realm's.`);
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw new TypeError(`${prefix}: fetch must be a function, got ${describeValue(fetch)}.`);
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError(`${prefix}: onError must be a function, got ${describeValue(onError)}.`);
}

import type { ClearCause, ClearEvent } from './clear-cause.js';
import { getDefaultHub } from './hub/default-hub.js';
import { describeValue, errorText } from './errors.js';
import type { CacheRecord } from './hub/cache-record.js';
import { SyncHub } from './hub/sync-hub.js';

export interface LocalSyncCacheOptions {
  /**
   * Refuse a second live cache with the same id in this realm. Turn off only when two
   * instances are meant to share an id; they are then emptied together.
   * @default true
   */
  uniqueIds?: boolean;
  /** The hub to register with. @default the default hub, created on first use */
  hub?: SyncHub;
}

const MAX_ID_LENGTH = 200;

/**
 * A `Map` whose {@link LocalSyncCache.clear} empties this cache in every tab, worker and
 * service worker of the origin. Reads and writes are the native `Map` ones and never wait.
 *
 * @example
 * const pageUrls = new LocalSyncCache<number, string>('page-urls');
 * function urlOf(page: Page): string {
 *   let url = pageUrls.get(page.id);
 *   if (url === undefined) pageUrls.set(page.id, (url = computeUrl(page)));
 *   return url;
 * }
 * async function renamePage(page: Page, slug: string) {
 *   await api.save({ ...page, slug });
 *   await pageUrls.clear(); // every tab drops its URLs
 * }
 */
export class LocalSyncCache<K, V> extends Map<K, V> {
  /** The id shared by the realms: caches with the same id are cleared together. */
  readonly id: string;
  readonly #hub: SyncHub;
  #record: CacheRecord | undefined;
  #generation = 0;
  readonly #listeners = new Set<(event: ClearEvent) => void>();
  readonly #loads = new Map<K, { promise: Promise<V>; generation: number }>();

  /**
   * @param id a stable name, unique in the realm, the same in every realm that should share clears.
   * @throws TypeError when `id` is not a non-empty string or an option has the wrong type.
   * @throws Error when `id` is already used in this realm and `uniqueIds` is on.
   */
  constructor(id: string, options: LocalSyncCacheOptions = {}) {
    super();
    validateId(id);
    if (__DEV__) validateOptions(id, options);
    this.id = id;
    this.#hub = options.hub ?? getDefaultHub();
    this.#record = this.#hub.register(
      id,
      this,
      (cause) => this.#empty(cause),
      () => {
        this.#generation += 1;
      },
      options.uniqueIds ?? true,
    );
  }

  /**
   * Empties this cache here at once and in every other realm of the origin. Never rejects:
   * store trouble goes to the hub's `onError`.
   * @returns a promise that settles when the shared marker is committed.
   */
  override clear(): Promise<void> {
    return this.#hub.clearFrom(this.#registration('clear()'));
  }

  /**
   * Compares with the shared marker and empties this cache if another realm cleared it.
   * @returns whether the cache was emptied.
   */
  checkState(): Promise<boolean> {
    return this.#hub.checkRecord(this.#registration('checkState()'));
  }

  /**
   * Unregisters the cache (hot module reload, tests); its id is free again. The entries stay,
   * but the cache no longer hears clears; `clear()` and `checkState()` then throw.
   */
  dispose(): void {
    if (!this.#record) return;
    this.#hub.unregister(this.#record);
    this.#record = undefined;
  }

  /** Whether {@link LocalSyncCache.dispose} was called. */
  get disposed(): boolean {
    return this.#record === undefined;
  }

  /**
   * Returns the cached value of `key`, or calls `load` and stores its result. Calls made while a
   * load of the same key is in flight share it. If the cache is emptied while the load runs (a
   * clear here or in another realm), the result still goes to the callers but is not stored:
   * it may have been computed from data that the clear announced as changed. Errors of `load`
   * are passed on and never cached.
   *
   * @example
   * const user = await users.getOrLoad(id, () => api.fetchUser(id));
   */
  getOrLoad(key: K, load: (key: K) => V | PromiseLike<V>): Promise<V> {
    const record = this.#registration('getOrLoad()');
    if (__DEV__ && typeof load !== 'function') {
      throw new TypeError(`LocalSyncCache ${JSON.stringify(this.id)}: getOrLoad() needs a load function as its second argument, got ${describeValue(load)}.`);
    }
    if (this.has(key)) return Promise.resolve(this.get(key) as V);
    const inFlight = this.#loads.get(key);
    if (inFlight && inFlight.generation === this.#generation) return inFlight.promise;
    const token = this.fillToken();
    const settle = async (): Promise<V> => {
      const value = await load(key);
      if (token !== this.#generation) record.discardedFills += 1;
      else if (!this.has(key)) this.set(key, value);
      return value;
    };
    const promise = settle().finally(() => {
      if (this.#loads.get(key)?.promise === promise) this.#loads.delete(key);
    });
    this.#loads.set(key, { promise, generation: token });
    return promise;
  }

  /**
   * A token to take before a hand-written load and hand to {@link LocalSyncCache.setIfFresh}
   * after it: the write is refused when the cache was emptied in between.
   *
   * @example
   * const token = urls.fillToken();
   * const url = await computeUrl(page);
   * urls.setIfFresh(token, page.id, url);
   */
  fillToken(): number {
    return this.#generation;
  }

  /**
   * Stores `value` unless the cache was emptied since `token` was taken, or `key` was set meanwhile.
   * @returns whether the value was stored.
   */
  setIfFresh(token: number, key: K, value: V): boolean {
    if (token !== this.#generation || this.has(key)) return false;
    this.set(key, value);
    return true;
  }

  /**
   * Calls `listener` after this cache was emptied, for any {@link ClearCause}.
   * @returns the function that removes the listener.
   */
  subscribe(listener: (event: ClearEvent) => void): () => void {
    if (__DEV__ && typeof listener !== 'function') {
      throw new TypeError(`LocalSyncCache ${JSON.stringify(this.id)}: subscribe() needs a function, got ${describeValue(listener)}.`);
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  override get [Symbol.toStringTag](): string {
    return 'LocalSyncCache';
  }

  #empty(cause: ClearCause): void {
    super.clear();
    this.#generation += 1;
    const event: ClearEvent = { id: this.id, cause };
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A failing listener must not keep the others, or the clear, from running.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #registration(api: string): CacheRecord {
    if (this.#hub.closed) {
      throw new Error(errorText('hub-closed', __DEV__ && `${api} of LocalSyncCache ${JSON.stringify(this.id)} was called after hub.close(); create a new hub with createSyncHub(), or new caches on the default hub.`));
    }
    if (!this.#record) {
      throw new Error(errorText('cache-disposed', __DEV__ && `LocalSyncCache ${JSON.stringify(this.id)}: ${api} was called after dispose(); create a new LocalSyncCache with this id instead.`));
    }
    return this.#record;
  }
}

function validateId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || id.trim() !== id) {
    throw new TypeError(
      errorText(
        'bad-id',
        __DEV__ &&
          `LocalSyncCache: the id must be a non-empty string of at most ${MAX_ID_LENGTH} characters without surrounding spaces, got ${typeof id === 'string' && id.length > MAX_ID_LENGTH ? `an id of ${id.length} characters` : describeValue(id)}; ` +
            "pass a stable name shared by every tab, e.g. new LocalSyncCache('page-urls').",
      ),
    );
  }
}

function validateOptions(id: string, options: unknown): asserts options is LocalSyncCacheOptions {
  const prefix = `LocalSyncCache ${JSON.stringify(id)}`;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${prefix}: options must be an object, got ${describeValue(options)}; pass { uniqueIds: false } or leave it out.`);
  }
  const { uniqueIds, hub } = options as Record<string, unknown>;
  if (uniqueIds !== undefined && typeof uniqueIds !== 'boolean') {
    throw new TypeError(`${prefix}: uniqueIds must be true or false, got ${describeValue(uniqueIds)}.`);
  }
  if (hub !== undefined && !(hub instanceof SyncHub)) {
    throw new TypeError(`${prefix}: hub must come from createSyncHub(), got ${describeValue(hub)}.`);
  }
}

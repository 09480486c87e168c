import type { CacheInformationRow } from './cache-information.js';
import { formatInformationRows } from './cache-information.js';
import type { ClearCause } from './clear-cause.js';
import { findIndexedDB, randomId } from './environment.js';
import { describeValue } from './errors.js';
import { directlyFollows, followingMarker, isOlder, type Marker, markerLabel, parseMarker, sameMarker } from './marker.js';
import { createDefaultNotifier } from './notifier/default-notifier.js';
import type { Notifier } from './notifier/notifier.js';
import { createNudge, parseNudge } from './nudge.js';
import { createIndexedDBStore } from './shared-store/indexeddb-store.js';
import { createResilientStore } from './shared-store/resilient-store.js';
import type { SharedStore, SharingMode } from './shared-store/shared-store.js';

/** Where the library reports; `console` by default. */
export interface Logger {
  warn(...details: unknown[]): void;
  error(...details: unknown[]): void;
}

export interface SyncHubOptions {
  /**
   * Separates apps that share an origin: it names the IndexedDB database and the channel.
   * @default 'default'
   */
  namespace?: string;
  /** Where markers are shared. @default IndexedDB database `local-sync-cache:<namespace>`, or local-only where there is none */
  store?: SharedStore;
  /** How live realms are nudged. @default native `BroadcastChannel('local-sync-cache:<namespace>')`, or the `broadcast-channel` package where there is none */
  notifier?: Notifier;
  /** The wall clock, for the times shown in information rows. Never used to order clears. @default Date.now */
  clock?: () => number;
  /** Receives the single warning when sharing is lost, and errors when no `onError` is given. @default console */
  logger?: Logger;
  /** Receives transport and store failures. @default logs them with `logger.error` */
  onError?: (error: unknown) => void;
  /** How long one store operation may take before it counts as failed (then retried once). @default 5000 */
  storeTimeout?: number;
}

/** What a check did. */
export interface CheckResult {
  /** Ids whose markers were read. */
  checked: string[];
  /** Ids whose caches were emptied because of what was read. */
  emptied: string[];
}

/** Counts of foreign data that was ignored. */
export interface HubDiagnostics {
  /** Channel messages that were not nudges of this library. */
  malformedMessages: number;
  /** Store records that were not markers (treated as absent). */
  malformedRecords: number;
}

/**
 * The per-instance bookkeeping a hub keeps for a cache.
 * @internal
 */
export interface CacheRecord {
  readonly id: string;
  readonly cache: ReadonlyMap<unknown, unknown>;
  readonly empty: (cause: ClearCause) => void;
  checks: number;
  ownClears: number;
  externalClears: number;
  precautionClears: number;
  /** Loads whose result was not stored because the cache was emptied while they ran. */
  discardedFills: number;
  lastReset: number;
}

/** What a realm knows about one id. */
interface IdState {
  /** The marker whose clear the caches of this id reflect; `undefined` until the first read. */
  adopted: Marker | null | undefined;
  /** Bumped whenever `adopted` changes: a read that began before is out of date. */
  version: number;
  /** The number (see `#storeCalls`) of the store call whose marker was adopted: a read that began before it saw no more than that call. */
  adoptedCall: number;
  /** Tokens of nudges heard whose markers have not been adopted yet. */
  heard: Set<string>;
  /** Tokens of markers adopted lately, so that a late or repeated nudge empties nothing. */
  applied: Set<string>;
  /** The last marker written by this realm, re-saved if the store loses it. */
  own: Marker | undefined;
  records: Set<CacheRecord>;
  initCount: number;
}

const REMEMBERED_TOKENS = 64;
const DEFAULT_NAMESPACE = 'default';
const NAMESPACE_PATTERN = /^[\w.:-]{1,100}$/;

/**
 * The per-realm registry behind every {@link LocalSyncCache}: it owns the shared store, the
 * channel, the counters and the checks. Most apps use the default hub, created on first use;
 * create your own to pick a namespace or to inject a store, notifier or clock.
 *
 * @example
 * const hub = createSyncHub({ namespace: 'admin-app' });
 * const pageUrls = new LocalSyncCache<number, string>('page-urls', { hub });
 */
export class SyncHub {
  readonly namespace: string;
  readonly #realmId = randomId();
  readonly #states = new Map<string, IdState>();
  readonly #clock: () => number;
  readonly #logger: Logger;
  readonly #onError: (error: unknown) => void;
  readonly #storeTimeout: number;
  readonly #givenStore: SharedStore | undefined;
  readonly #givenNotifier: Notifier | undefined;
  #store: SharedStore | undefined;
  #notifier: Notifier | undefined;
  #unsubscribe: (() => void) | undefined;
  #clearSequence = 0;
  /** Numbers this realm's store calls in the order they are made; a call sees every commit made before it began. */
  #storeCalls = 0;
  #closed = false;
  #runningCheck: Promise<CheckResult> | undefined;
  #queuedCheck: Promise<CheckResult> | undefined;
  #baselineIds = new Set<string>();
  readonly #diagnostics: HubDiagnostics = { malformedMessages: 0, malformedRecords: 0 };

  constructor(options: SyncHubOptions = {}) {
    validateHubOptions(options);
    this.namespace = options.namespace ?? DEFAULT_NAMESPACE;
    this.#clock = options.clock ?? Date.now;
    this.#logger = options.logger ?? console;
    this.#onError = options.onError ?? ((error) => this.#logger.error('local-sync-cache:', error));
    this.#storeTimeout = options.storeTimeout ?? 5000;
    this.#givenStore = options.store;
    this.#givenNotifier = options.notifier;
  }

  /** Whether {@link SyncHub.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** How far clears reach from this realm now; see {@link SharingMode}. */
  get sharing(): SharingMode {
    return this.#store?.sharing ?? this.#givenStore?.sharing ?? (findIndexedDB() ? 'indexeddb' : 'local-only');
  }

  /** Counts of ignored foreign data (a copy). */
  get diagnostics(): HubDiagnostics {
    return { ...this.#diagnostics };
  }

  /**
   * Checks every cache of this hub against the shared markers, reading them all in one
   * transaction, and empties those that another realm cleared. Calls made while a check runs
   * share one follow-up check that starts after it, so no caller gets an answer older than its
   * call. Safe to call on every navigation.
   */
  checkAll(): Promise<CheckResult> {
    this.#assertOpen('checkAll()');
    if (!this.#runningCheck) {
      const running = this.#checkIds([...this.#states.keys()].filter((id) => this.#states.get(id)!.records.size > 0), undefined);
      this.#runningCheck = running;
      void running.finally(() => {
        if (this.#runningCheck === running) this.#runningCheck = undefined;
      });
      return running;
    }
    this.#queuedCheck ??= this.#runningCheck.then(
      () => this.#startQueuedCheck(),
      () => this.#startQueuedCheck(),
    );
    return this.#queuedCheck;
  }

  /** Information rows for every cache of this hub, ready for `console.table`. */
  getCacheInformation(): CacheInformationRow[] {
    const rows: CacheInformationRow[] = [];
    const sharing = this.sharing;
    for (const [id, state] of this.#states) {
      const adopted = state.adopted ?? null;
      for (const record of state.records) {
        rows.push({
          id,
          size: record.cache.size,
          clearedHere: state.own !== undefined && sameMarker(state.own, adopted),
          marker: state.adopted === undefined ? '(unknown)' : markerLabel(adopted),
          markerTime: adopted ? new Date(adopted.time).toISOString() : '',
          lastReset: new Date(record.lastReset).toISOString(),
          checks: record.checks,
          ownClears: record.ownClears,
          externalClears: record.externalClears,
          precautionClears: record.precautionClears,
          discardedFills: record.discardedFills,
          initCount: state.initCount,
          sharing,
        });
      }
    }
    return rows;
  }

  /** The same information as a readable text block. */
  formatCacheInformation(): string {
    return formatInformationRows(this.getCacheInformation());
  }

  /**
   * The marker this realm has adopted for `id`: `null` when the store had none, `undefined`
   * before the first read. A service worker compares it with the marker it saved beside its
   * Cache Storage to learn whether that storage predates a clear.
   */
  adoptedMarker(id: string): Marker | null | undefined {
    return this.#states.get(id)?.adopted;
  }

  /**
   * Empties every cache of this hub in this realm only, counted as precaution clears, for
   * moments when the realm may have missed anything. Since nothing is left to be stale, the
   * next read (started now) adopts the store's markers as they are.
   */
  emptyLocally(): void {
    this.#assertOpen('emptyLocally()');
    this.#emptyEverything(true);
  }

  /**
   * The page is entering the back/forward cache (a persisted `pagehide`). Closes the default
   * channel, since Chromium evicts a cached page that receives a BroadcastChannel message (an
   * injected notifier stays open: the hub could not reopen it). Empties every cache now,
   * because on a restore an app `pageshow` listener may read before any of ours runs. Starts no
   * store read: a transaction pending at freeze time can keep the page out of the cache.
   */
  enterBackForwardCache(): void {
    this.#assertOpen('enterBackForwardCache()');
    if (this.#notifier && !this.#givenNotifier) {
      this.#unsubscribe?.();
      this.#notifier.close();
      this.#notifier = undefined;
      this.#unsubscribe = undefined;
    }
    this.#emptyEverything(false);
  }

  /**
   * The page was restored from the back/forward cache (a persisted `pageshow`). Reopens the
   * channel, empties again what `pagehide` listeners after ours may have filled, and reads the
   * markers anew.
   */
  leaveBackForwardCache(): void {
    this.#assertOpen('leaveBackForwardCache()');
    if (this.#states.size > 0) this.#start();
    this.#emptyEverything(true);
  }

  /** Releases the channel, the store connection and every listener. Caches of this hub can no longer clear or check. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    this.#notifier?.close();
    this.#store?.close();
    this.#states.clear();
  }

  /** @internal Adds a cache; throws on a duplicate id while `uniqueIds` is on. */
  register(id: string, cache: ReadonlyMap<unknown, unknown>, empty: (cause: ClearCause) => void, uniqueIds: boolean): CacheRecord {
    this.#assertOpen(`new LocalSyncCache(${JSON.stringify(id)})`);
    const existing = this.#states.get(id);
    if (uniqueIds && existing && existing.records.size > 0) {
      const inUse = [...this.#states].filter(([, state]) => state.records.size > 0).map(([key]) => JSON.stringify(key));
      throw new Error(
        `LocalSyncCache: id ${JSON.stringify(id)} is already used in this realm (ids in use: ${inUse.join(', ')}); ` +
          'pick another id, call dispose() on the old cache first, or pass { uniqueIds: false } to share the id on purpose.',
      );
    }
    this.#start();
    const state = existing ?? this.#createState(id);
    const record: CacheRecord = { id, cache, empty, checks: 0, ownClears: 0, externalClears: 0, precautionClears: 0, discardedFills: 0, lastReset: this.#clock() };
    state.records.add(record);
    state.initCount += 1;
    if (state.adopted === undefined) this.#scheduleBaseline(id);
    return record;
  }

  /** @internal Removes a cache; its id is free again. What the realm knows of the id stays. */
  unregister(record: CacheRecord): void {
    this.#states.get(record.id)?.records.delete(record);
  }

  /** @internal Empties every cache of the record's id here at once, nudges other realms, then commits the marker. */
  clearFrom(record: CacheRecord): Promise<void> {
    // Thrown synchronously: a programmer error must not hide in a promise nobody awaits.
    this.#assertOpen(`clear() of LocalSyncCache ${JSON.stringify(record.id)}`);
    return this.#clear(record);
  }

  async #clear(record: CacheRecord): Promise<void> {
    const state = this.#states.get(record.id)!;
    const token = `${this.#realmId}#${++this.#clearSequence}`;
    // The nudge goes first so other tabs start emptying while this one does; both happen
    // before clear() returns, so no read here can see the old entries.
    try {
      // Absent only while suspended for the back/forward cache; the marker still reaches everyone.
      this.#notifier?.post(createNudge(record.id, token));
    } catch (error) {
      this.#onError(error);
    }
    this.#emptyAll(state, 'sibling', record);
    let previous: Marker | null = null;
    let written: Marker | undefined;
    const versionBefore = state.version;
    const call = ++this.#storeCalls;
    try {
      await this.#requireStore().update(record.id, (old) => {
        previous = this.#parseRecord(old);
        written = followingMarker(previous ?? undefined, token, this.#clock(), randomId);
        return written;
      });
    } catch (error) {
      this.#onError(error);
      return;
    }
    if (this.#closed || !written) return;
    state.own = written;
    const overwritten = previous as Marker | null;
    const adopted = state.adopted ?? null;
    // Something was adopted while our write ran (a check, or another clear here): it may be our
    // marker or a newer one, even of another epoch.
    const adoptedMeanwhile = state.version !== versionBefore;
    const wentBack = !adoptedMeanwhile && isOlder(overwritten, adopted);
    if (wentBack) {
      // We overwrote a marker older than one adopted before our write began: the store went back
      // (a wipe, then an older marker re-saved), so a clear made on top of it may be one this
      // realm never heard of, and generations no longer tell.
      this.#emptyAll(state, 'precaution');
    } else if (!(adoptedMeanwhile && (sameMarker(written, adopted) || isOlder(written, adopted))) && !this.#explains(state, overwritten)) {
      // A clear committed between our call and our write that this realm never heard of may have
      // made values stored in between stale (unless a check that read our marker, or a newer one,
      // accounted for it meanwhile). Counted as #reconcile counts.
      this.#emptyAll(state, overwritten === null || this.#emptiedHere(state, overwritten) ? 'precaution' : 'check');
    }
    // Either way the caches now reflect the clear that wrote `previous`: if its nudge arrives
    // late, it must not empty them a second time for the same clear.
    if (overwritten) remember(state.applied, overwritten.by);
    // Ours is the newest marker this realm knows unless the adopted one is provably as new (same
    // epoch), or came meanwhile from a store call that began after ours (it may show a wipe that
    // came after our write). After the store went back, ours is what to compare with from now on.
    const adoptedIsNewer =
      sameMarker(written, adopted) || isOlder(written, adopted) || (adoptedMeanwhile && state.adoptedCall > call && !isOlder(adopted, written));
    if (wentBack || !adoptedIsNewer) this.#adopt(state, written, call);
  }

  /** @internal Checks one id; resolves to whether its caches were emptied. */
  checkRecord(record: CacheRecord): Promise<boolean> {
    this.#assertOpen(`checkState() of LocalSyncCache ${JSON.stringify(record.id)}`);
    return this.#checkIds([record.id], record).then((result) => result.emptied.length > 0);
  }

  #startQueuedCheck(): Promise<CheckResult> {
    this.#queuedCheck = undefined;
    if (this.#closed) return Promise.resolve({ checked: [], emptied: [] });
    return this.checkAll();
  }

  #createState(id: string): IdState {
    const state: IdState = { adopted: undefined, version: 0, adoptedCall: 0, heard: new Set(), applied: new Set(), own: undefined, records: new Set(), initCount: 0 };
    this.#states.set(id, state);
    return state;
  }

  /** Subscribes before the first store read: a listener added after an async gap could miss a nudge. */
  #start(): void {
    if (this.#notifier) return;
    this.#notifier = this.#givenNotifier ?? createDefaultNotifier(`local-sync-cache:${this.namespace}`, this.#onError);
    this.#unsubscribe = this.#notifier.subscribe((message) => this.#receive(message));
  }

  #requireStore(): SharedStore {
    if (this.#store) return this.#store;
    const factory = this.#givenStore ? undefined : findIndexedDB();
    const primary = this.#givenStore ?? (factory ? createIndexedDBStore({ databaseName: `local-sync-cache:${this.namespace}`, indexedDB: factory }) : undefined);
    this.#store = createResilientStore(primary, 'this runtime has no IndexedDB', {
      timeout: this.#storeTimeout,
      onDegrade: (reason, error) => {
        this.#logger.warn(
          `local-sync-cache: markers are not shared (${reason}). Live tabs still hear clear() at once, ` +
            'but tabs that were hidden, frozen or in the back/forward cache, and stopped service workers, will not catch up.',
        );
        if (error !== undefined) this.#onError(error);
      },
    });
    return this.#store;
  }

  /** The first read of ids registered in the same task is batched into one transaction. */
  #scheduleBaseline(id: string): void {
    const first = this.#baselineIds.size === 0;
    this.#baselineIds.add(id);
    if (!first) return;
    queueMicrotask(() => {
      const ids = [...this.#baselineIds].filter((key) => this.#states.get(key)?.adopted === undefined);
      this.#baselineIds.clear();
      if (ids.length > 0 && !this.#closed) void this.#checkIds(ids, null);
    });
  }

  /**
   * Reads the markers of `ids` in one transaction and reconciles each.
   * @param counted the record whose check counter to bump, `undefined` for every record, `null` for none.
   */
  async #checkIds(ids: string[], counted: CacheRecord | undefined | null): Promise<CheckResult> {
    if (counted === undefined) for (const id of ids) for (const record of this.#states.get(id)!.records) record.checks += 1;
    else if (counted) counted.checks += 1;
    if (ids.length === 0) return { checked: [], emptied: [] };
    const call = ++this.#storeCalls;
    let records: unknown[];
    try {
      records = await this.#requireStore().readMany(ids);
    } catch (error) {
      this.#onError(error);
      return { checked: [], emptied: [] };
    }
    const emptied: string[] = [];
    ids.forEach((id, index) => {
      const state = this.#states.get(id);
      // A read or clear that began after this read had its marker adopted: it saw at least as much.
      if (!state || this.#closed || state.adoptedCall > call) return;
      const marker = this.#parseRecord(records[index]);
      if (this.#reconcile(id, state, marker, call)) emptied.push(id);
    });
    return { checked: ids, emptied };
  }

  #parseRecord(record: unknown): Marker | null {
    if (record === undefined) return null;
    const marker = parseMarker(record);
    if (!marker) this.#diagnostics.malformedRecords += 1;
    return marker ?? null;
  }

  /** Brings an id up to the store's marker; returns whether its caches were emptied. */
  #reconcile(id: string, state: IdState, marker: Marker | null, call: number): boolean {
    if (state.adopted === undefined) {
      // First read: the caches were created empty after this realm subscribed; anything
      // cleared since reached them as a nudge, or still may: the clear that wrote this marker
      // is not counted as applied, so its nudge, if it arrives after this read, still empties.
      this.#adopt(state, marker, call, false);
      return false;
    }
    if (isOlder(marker, state.adopted)) {
      // This read began after the store call whose marker was adopted (#checkIds skips the
      // others), yet it shows an older marker of that epoch: the store went back (a wipe, then an
      // older marker re-saved), and a clear made on top of it has a generation this realm thinks
      // it has seen. (Calls answered out of order, after a retry, can also get here: a spurious,
      // counted clear.)
      this.#emptyAll(state, 'precaution');
      this.#adopt(state, marker, call);
      return true;
    }
    if (this.#explains(state, marker)) {
      if (marker && !sameMarker(marker, state.adopted) && !isOlder(marker, state.adopted)) this.#adopt(state, marker, call);
      return false;
    }
    if (marker === null && state.own && sameMarker(state.own, state.adopted)) {
      // The store lost the marker this realm wrote: put it back, as the seed re-saves its reset time.
      const own = state.own;
      this.#requireStore()
        .update(id, (old) => this.#parseRecord(old) ?? own)
        .catch(this.#onError);
      return false;
    }
    // Either a clear this realm never heard of, or the store lost a marker we cannot restore
    // (a clear may have been lost with it), or clears raced: empty to be safe.
    const cause: ClearCause = marker === null || this.#emptiedHere(state, marker) ? 'precaution' : 'check';
    this.#emptyAll(state, cause);
    this.#adopt(state, marker, call);
    return true;
  }

  /**
   * Whether the caches of this id already reflect `marker`: it is adopted, older, or its clear
   * emptied them here (see #emptiedHere) and nothing came between.
   */
  #explains(state: IdState, marker: Marker | null): boolean {
    const adopted = state.adopted;
    if (adopted === undefined) return marker === null || state.heard.has(marker.by);
    if (sameMarker(adopted, marker) || isOlder(marker, adopted)) return true;
    if (marker === null || !this.#emptiedHere(state, marker)) return false;
    return adopted === null ? marker.gen === 1 : directlyFollows(adopted, marker);
  }

  /**
   * Whether the caches here already reflect the clear that wrote `marker`: its nudge was heard,
   * this realm made it (an own clear empties at once), or it was applied before (a marker that
   * comes back, re-saved after a wipe).
   */
  #emptiedHere(state: IdState, marker: Marker): boolean {
    return state.heard.has(marker.by) || state.applied.has(marker.by) || marker.by.startsWith(`${this.#realmId}#`);
  }

  /** @param applied whether the caches are known to reflect the clear that wrote `marker`. */
  #adopt(state: IdState, marker: Marker | null, call: number, applied = true): void {
    state.adopted = marker;
    state.version += 1;
    state.adoptedCall = call;
    if (marker && applied) {
      state.heard.delete(marker.by);
      remember(state.applied, marker.by);
    }
  }

  #receive(message: unknown): void {
    const nudge = parseNudge(message);
    if (!nudge) {
      this.#diagnostics.malformedMessages += 1;
      return;
    }
    if (this.#closed || nudge.by.startsWith(`${this.#realmId}#`)) return;
    const state = this.#states.get(nudge.id);
    if (!state || state.heard.has(nudge.by) || state.applied.has(nudge.by)) return;
    remember(state.heard, nudge.by);
    this.#emptyAll(state, 'nudge');
  }

  /** Empties every cache and forgets every adopted marker; `read` starts the read that adopts anew. */
  #emptyEverything(read: boolean): void {
    const now = this.#clock();
    for (const [id, state] of this.#states) {
      for (const record of state.records) {
        // Counted only where something was dropped: pagehide and the restoring pageshow both come here.
        if (record.cache.size > 0) {
          record.precautionClears += 1;
          record.lastReset = now;
          record.empty('precaution');
        }
      }
      state.adopted = undefined;
      state.version += 1;
      state.adoptedCall = ++this.#storeCalls;
      if (read && state.records.size > 0) this.#scheduleBaseline(id);
    }
  }

  /** Empties every cache of an id; `origin` (if any) is the instance whose own clear this is. */
  #emptyAll(state: IdState, cause: ClearCause, origin?: CacheRecord): void {
    const now = this.#clock();
    for (const record of state.records) {
      const recordCause: ClearCause = record === origin ? 'own' : cause;
      if (recordCause === 'own') record.ownClears += 1;
      else if (recordCause === 'precaution') record.precautionClears += 1;
      else record.externalClears += 1;
      record.lastReset = now;
      record.empty(recordCause);
    }
  }

  #assertOpen(api: string): void {
    if (this.#closed) {
      throw new Error(`local-sync-cache: ${api} was called after hub.close(); create a new hub with createSyncHub(), or new caches on the default hub.`);
    }
  }
}

/** Adds a token to a bounded set, forgetting the oldest. */
function remember(tokens: Set<string>, token: string): void {
  tokens.add(token);
  if (tokens.size > REMEMBERED_TOKENS) tokens.delete(tokens.values().next().value!);
}

function validateHubOptions(options: SyncHubOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`createSyncHub: options must be an object, got ${describeValue(options)}; pass {} or leave it out.`);
  }
  const { namespace, clock, onError, storeTimeout, store, notifier, logger } = options;
  if (namespace !== undefined && (typeof namespace !== 'string' || !NAMESPACE_PATTERN.test(namespace))) {
    throw new TypeError(`createSyncHub: namespace must be 1-100 letters, digits, "_", "-", "." or ":", got ${describeValue(namespace)}; for example { namespace: 'admin-app' }.`);
  }
  if (clock !== undefined && typeof clock !== 'function') throw new TypeError(`createSyncHub: clock must be a function returning milliseconds, got ${describeValue(clock)}; for example { clock: Date.now }.`);
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError(`createSyncHub: onError must be a function, got ${describeValue(onError)}.`);
  if (storeTimeout !== undefined && !(typeof storeTimeout === 'number' && storeTimeout > 0 && Number.isFinite(storeTimeout))) {
    throw new TypeError(`createSyncHub: storeTimeout must be a positive number of milliseconds, got ${describeValue(storeTimeout)}; for example { storeTimeout: 5000 }.`);
  }
  if (store !== undefined && !(typeof store === 'object' && store !== null && typeof store.readMany === 'function' && typeof store.update === 'function' && typeof store.close === 'function')) {
    throw new TypeError(`createSyncHub: store must implement SharedStore (readMany, update, close), got ${describeValue(store)}; use createMemoryStore() in tests.`);
  }
  if (notifier !== undefined && !(typeof notifier === 'object' && notifier !== null && typeof notifier.post === 'function' && typeof notifier.subscribe === 'function' && typeof notifier.close === 'function')) {
    throw new TypeError(`createSyncHub: notifier must implement Notifier (post, subscribe, close), got ${describeValue(notifier)}; use createMemoryBus().connect() in tests.`);
  }
  if (logger !== undefined && !(typeof logger === 'object' && logger !== null && typeof logger.warn === 'function' && typeof logger.error === 'function')) {
    throw new TypeError(`createSyncHub: logger must have warn() and error(), got ${describeValue(logger)}; for example { logger: console }.`);
  }
}

/**
 * Creates a hub: a registry of caches with its own namespace, store and channel.
 * @example
 * const hub = createSyncHub({ namespace: 'admin-app' });
 */
export function createSyncHub(options: SyncHubOptions = {}): SyncHub {
  return new SyncHub(options);
}

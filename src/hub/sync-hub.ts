import type { ClearCause } from '../clear-cause.js';
import { createCheckScheduler } from '../core/check-scheduler.js';
import { type Marker, markerAfter, parseMarker, resavedMarker } from '../core/marker.js';
import { NAMESPACE_ID } from '../core/namespace-id.js';
import { createNudge, parseNudge } from '../core/nudge.js';
import { type Effect, type IdState, initialState, type ProtocolEvent, rereadChangesNothing, step, type StepResult } from '../core/protocol.js';
import { findIndexedDB, randomId } from '../environment.js';
import { errorText } from '../errors.js';
import { createDefaultNotifier } from '../notifier/default-notifier.js';
import type { Notifier } from '../notifier/notifier.js';
import type { SharedStore, SharingMode, StoreSnapshot } from '../shared-store/shared-store.js';
import { type CacheRecord, createRecord, emptyRecord } from './cache-record.js';
import { type Logger, type SyncHubOptions, validateHubOptions } from './hub-options.js';
import { openSharedStore } from './open-store.js';

export type { Logger, SyncHubOptions } from './hub-options.js';

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

/** One id as a hub knows it. @internal */
export interface IdEntry {
  readonly id: string;
  /** The protocol state (src/core/protocol.ts). */
  state: IdState;
  readonly records: Set<CacheRecord>;
  /** The last marker this realm wrote, for information rows. */
  own: Marker | undefined;
  /** Caches created with this id so far. */
  initCount: number;
  /**
   * The last full read: the revision it was read at, the marker it found (what an unchanged store
   * still holds), and the state it left when reading that marker again would change nothing.
   */
  lastRead: { readonly revision: string | null; readonly marker: Marker | null; readonly settled: IdState | undefined } | undefined;
}

const DEFAULT_NAMESPACE = 'default';

/**
 * The per-realm registry behind every {@link LocalSyncCache}: it owns the shared store, the
 * channel and the checks. It is the I/O shell around the protocol in src/core/protocol.ts: it
 * numbers store calls, performs reads, writes and nudges, feeds their outcomes to `step`, and
 * carries out the effects. Most apps use the default hub, created on first use; create your own
 * to pick a namespace or to inject a store, notifier or clock.
 *
 * @example
 * const hub = createSyncHub({ namespace: 'admin-app' });
 * const pageUrls = new LocalSyncCache<number, string>('page-urls', { hub });
 */
export class SyncHub {
  readonly namespace: string;
  readonly #realmId = randomId();
  readonly #entries = new Map<string, IdEntry>();
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
  /** Numbers store calls in the order they are made; a call sees every commit made before it began. */
  #storeCalls = 0;
  #closed = false;
  /** `checkAll()` runs so far: every record counts those made since it was added (CacheRecord.checks). */
  #checkRuns = 0;
  /** First reads (F1-F3) of every id that has adopted nothing: the ids of one task share one read. */
  readonly #firstReads = createCheckScheduler(() => this.#checkIds(this.#entriesToRead(), null), { batchTask: true });
  readonly #checks = createCheckScheduler(() => this.#checkIds(this.#entriesToRead(true), undefined), { batchTask: true });
  readonly #diagnostics: HubDiagnostics = { malformedMessages: 0, malformedRecords: 0 };

  constructor(options: SyncHubOptions = {}) {
    if (__DEV__) validateHubOptions(options);
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
   * transaction, and empties those that another realm cleared. Every call is answered by a
   * read that starts after it; calls made in one task, or while a read runs, share the next
   * read. Safe to call on every navigation.
   */
  checkAll(): Promise<CheckResult> {
    this.#assertOpen(__DEV__ && 'checkAll()');
    return this.#checks.request();
  }

  /**
   * Hears the clears of `id` without keeping a cache: `onEmpty` runs whenever a cache of that id
   * would be emptied here (a clear in this realm or another, a check, a precaution). For
   * bindings that keep their data elsewhere, such as a service worker's Cache Storage.
   *
   * @returns the function that stops watching.
   * @example
   * const stop = hub.watch('prices', (cause) => caches.delete('prices'));
   */
  watch(id: string, onEmpty: (cause: ClearCause) => void): () => void {
    this.#assertOpen(__DEV__ && `watch(${JSON.stringify(id)})`);
    if (typeof id !== 'string' || id.length === 0) throw new TypeError(errorText('bad-id', __DEV__ && `SyncHub.watch(): the id must be a non-empty string, got ${JSON.stringify(id)}.`));
    if (__DEV__ && typeof onEmpty !== 'function') throw new TypeError(`SyncHub.watch(${JSON.stringify(id)}): onEmpty must be a function.`);
    const record = this.#add(
      id,
      undefined,
      (cause) => {
        try {
          onEmpty(cause);
        } catch (error) {
          // Rethrown on its own, as a cache's listeners are: a failing watcher must not keep the
          // other caches from emptying, or a clear from writing its marker.
          queueMicrotask(() => {
            throw error;
          });
        }
      },
      () => {},
    );
    return () => this.unregister(record);
  }

  /**
   * The marker this realm has adopted for `id`: `null` when the store had none, `undefined`
   * before the first read. A service worker compares it with the marker it saved beside its
   * Cache Storage to learn whether that storage predates a clear.
   */
  adoptedMarker(id: string): Marker | null | undefined {
    return this.#entries.get(id)?.state.adopted;
  }

  /**
   * Empties every cache of this hub in this realm only, counted as precaution clears, and
   * refuses fills in flight, for moments when the realm may have missed anything. The realm then
   * listens anew (docs/protocol.md, L1): the next read, started now unless `read` is false,
   * treats what it finds as a first read.
   */
  emptyLocally(options: { read?: boolean } = {}): void {
    this.#assertOpen(__DEV__ && 'emptyLocally()');
    const now = this.#clock();
    for (const entry of this.#entries.values()) {
      entry.state = step(entry.state, { type: 'forget', call: ++this.#storeCalls, now }).state;
      // Counted only where something was dropped: pagehide and the restoring pageshow both come here.
      for (const record of entry.records) emptyRecord(record, 'precaution', now);
      if (options.read !== false && entry.records.size > 0) void this.#firstReads.request();
    }
  }

  /**
   * Stops hearing nudges until {@link SyncHub.resumeChannel}: closes the default channel (an
   * injected notifier stays open, the hub could not reopen it). For the back/forward cache, see
   * src/page/back-forward-cache.ts.
   */
  suspendChannel(): void {
    this.#assertOpen(__DEV__ && 'suspendChannel()');
    if (!this.#notifier || this.#givenNotifier) return;
    this.#unsubscribe?.();
    this.#notifier.close();
    this.#notifier = undefined;
    this.#unsubscribe = undefined;
  }

  /** Hears nudges again after {@link SyncHub.suspendChannel}. */
  resumeChannel(): void {
    this.#assertOpen(__DEV__ && 'resumeChannel()');
    if (this.#entries.size > 0) this.#listen();
  }

  /** Releases the channel, the store connection and every listener. Caches of this hub can no longer clear or check. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    this.#notifier?.close();
    this.#store?.close();
    this.#entries.clear();
  }

  /** @internal `checkAll()` runs so far, for information rows (CacheRecord.checks). */
  get checkRuns(): number {
    return this.#checkRuns;
  }

  /** @internal What the hub knows, for information rows (src/cache-information.ts). */
  inspect(): ReadonlyMap<string, Readonly<IdEntry>> {
    return this.#entries;
  }

  /** @internal Adds a cache; throws on a duplicate id while `uniqueIds` is on. */
  register(id: string, cache: ReadonlyMap<unknown, unknown>, empty: (cause: ClearCause) => void, refuseFills: () => void, uniqueIds: boolean): CacheRecord {
    this.#assertOpen(__DEV__ && `new LocalSyncCache(${JSON.stringify(id)})`);
    const existing = this.#entries.get(id);
    if (uniqueIds && existing && [...existing.records].some((record) => record.cache)) {
      throw new Error(
        errorText(
          'duplicate-id',
          __DEV__ &&
            `LocalSyncCache: id ${JSON.stringify(id)} is already used in this realm (ids in use: ${idsInUse(this.#entries)}); ` +
              'pick another id, call dispose() on the old cache first, or pass { uniqueIds: false } to share the id on purpose.',
        ),
      );
    }
    const record = this.#add(id, cache, empty, refuseFills);
    this.#entries.get(id)!.initCount += 1;
    return record;
  }

  /** @internal Removes a cache or watcher; its id is free again. What the realm knows of the id stays. */
  unregister(record: CacheRecord): void {
    this.#entries.get(record.id)?.records.delete(record);
  }

  /** @internal Empties every cache of the record's id here at once, nudges other realms, then commits the marker. */
  clearFrom(record: CacheRecord): Promise<void> {
    // Thrown synchronously: a programmer error must not hide in a promise nobody awaits.
    this.#assertOpen(__DEV__ && `clear() of LocalSyncCache ${JSON.stringify(record.id)}`);
    return this.#clear(record.id, record);
  }

  /**
   * Clears `id` everywhere as `LocalSyncCache#clear()` does, for code that keeps no cache of the
   * id (a Cache Storage binding, a feed of clears from a server). Caches and watchers of the id
   * here are emptied at once, with cause `'sibling'`. Never rejects.
   * @returns a promise that settles when the shared marker is committed.
   */
  clear(id: string): Promise<void> {
    this.#assertOpen(__DEV__ && `clear(${JSON.stringify(id)})`);
    if (typeof id !== 'string' || id.length === 0) throw new TypeError(errorText('bad-id', __DEV__ && `SyncHub.clear(): the id must be a non-empty string, got ${JSON.stringify(id)}.`));
    return this.#clear(id, undefined);
  }

  /**
   * @internal For `local-sync-cache/remote`: applies a clear that came from outside this browser
   * exactly like a clear from another realm. Caches of `ids` here are emptied as external clears
   * (cause `'nudge'`), other realms are nudged, and every id's marker is bumped with a token that
   * names the server, together with `extras` (the stream cursor), in ONE store transaction.
   * `ids` empty saves the extras alone (the cursor after `ready`). `null` clears the whole
   * namespace: the namespace-wide marker (src/core/namespace-id.ts) is bumped and every cache of
   * every realm empties as a precaution, including caches of ids this realm never registered.
   * @returns a promise that settles when it is committed, and rejects when the store call
   * rejects: the caller must not take the extras as saved. (The default store rarely rejects: after
   * two failures it goes local-only and commits to this realm's memory.)
   */
  applyRemote(ids: readonly string[] | null, extras: ReadonlyMap<string, unknown>): Promise<void> {
    this.#assertOpen(__DEV__ && 'applyRemote()');
    // To the protocol, a clear made by another realm whose nudge was heard (N1, then W2): the
    // same state as C1, but counted as an external clear.
    return this.#write(ids === null ? [NAMESPACE_ID] : [...new Set(ids)], `server:${this.#realmId}#${++this.#clearSequence}`, 'nudge', undefined, extras);
  }


  /** @internal A record saved beside the markers by {@link SyncHub.applyRemote}. */
  readExtra(key: string): Promise<unknown> {
    this.#assertOpen(__DEV__ && 'readExtra()');
    return this.#requireStore().readExtra(key);
  }

  /** @internal Checks one id; resolves to whether its caches were emptied. */
  checkRecord(record: CacheRecord): Promise<boolean> {
    this.#assertOpen(__DEV__ && `checkState() of LocalSyncCache ${JSON.stringify(record.id)}`);
    record.checks += 1;
    return this.#checkIds(this.#withNamespaceEntry([this.#entries.get(record.id)!], true), null).then((result) => result.emptied.length > 0);
  }

  #add(id: string, cache: ReadonlyMap<unknown, unknown> | undefined, empty: (cause: ClearCause) => void, refuseFills: () => void): CacheRecord {
    const entry = this.#entries.get(id) ?? this.#createEntry(id);
    // Every hub with a cache listens for namespace-wide clears too (src/core/namespace-id.ts).
    if (!this.#entries.has(NAMESPACE_ID)) this.#createEntry(NAMESPACE_ID);
    const record = createRecord(id, cache, empty, refuseFills, this.#clock(), this.#checkRuns);
    entry.records.add(record);
    if (entry.state.adopted === undefined) void this.#firstReads.request();
    return record;
  }

  #createEntry(id: string): IdEntry {
    // Subscribe before the first store read: a listener added after an async gap could miss a nudge.
    this.#listen();
    const entry: IdEntry = { id, state: initialState(this.#clock(), this.#storeCalls), records: new Set(), own: undefined, initCount: 0, lastRead: undefined };
    this.#entries.set(id, entry);
    return entry;
  }

  #clear(id: string, origin: CacheRecord | undefined): Promise<void> {
    return this.#write([id], `${this.#realmId}#${++this.#clearSequence}`, 'clear', origin).catch(this.#onError);
  }

  /**
   * One clear of `ids` by this realm: for each id the nudge goes out first, so other realms start
   * emptying while this one does (both before the caller gets control back, so no read here can
   * see the old entries), and the protocol hears `heard` (`clear`, or `nudge` for a clear this
   * realm only relays); then ONE store transaction writes every id's next marker, with `extras`.
   * Rejects when the store call does.
   */
  async #write(ids: readonly string[], by: string, heard: 'clear' | 'nudge', origin: CacheRecord | undefined, extras?: ReadonlyMap<string, unknown>): Promise<void> {
    const entries = ids.map((id) => this.#entries.get(id) ?? this.#createEntry(id));
    for (const entry of entries) {
      try {
        // Absent only while the channel is suspended; the marker still reaches everyone.
        this.#notifier?.post(createNudge(entry.id, by));
      } catch (error) {
        this.#onError(error);
      }
      this.#apply(entry, { type: heard, by }, origin);
    }
    const call = ++this.#storeCalls;
    const outcomes = new Map<IdEntry, { previous: Marker | null; written: Marker }>();
    const updaters = new Map(
      entries.map((entry) => [
        entry.id,
        (old: unknown) => {
          const previous = this.#parseRecord(old);
          // Timed at the write, not at the clear's start: see Marker.time.
          const written = markerAfter(previous, entry.state.adopted, by, this.#clock(), randomId);
          outcomes.set(entry, { previous, written });
          return written;
        },
      ]),
    );
    await this.#requireStore().updateMany(updaters, extras);
    if (this.#closed) return;
    const now = this.#clock();
    for (const [entry, { previous, written }] of outcomes) {
      if (heard === 'clear') entry.own = written;
      this.#apply(entry, { type: 'wrote', call, previous, written, now });
    }
  }


  /** Puts a lost marker back under a fresh epoch, only if no other realm wrote one since (docs/protocol.md, R3). */
  async #resave(id: string, lost: Marker): Promise<void> {
    const call = ++this.#storeCalls;
    let stored: Marker | undefined;
    let ours = false;
    try {
      await this.#requireStore().update(id, (old) => {
        const current = this.#parseRecord(old);
        ours = current === null;
        stored = current ?? resavedMarker(lost, randomId);
        return stored;
      });
    } catch (error) {
      this.#onError(error);
      return;
    }
    const entry = this.#entries.get(id);
    if (entry && stored && !this.#closed) this.#apply(entry, { type: 'resaved', call, stored, ours, now: this.#clock() });
  }

  /** Feeds one event to the protocol and carries out its effects. */
  #apply(entry: IdEntry, event: ProtocolEvent, origin?: CacheRecord): StepResult {
    const stepped = step(entry.state, event);
    entry.state = stepped.state;
    for (const effect of stepped.effects) this.#perform(entry, effect, origin);
    return stepped;
  }

  #perform(entry: IdEntry, effect: Effect, origin: CacheRecord | undefined): void {
    if (effect.type === 'resave') {
      void this.#resave(entry.id, effect.lost);
      return;
    }
    const now = this.#clock();
    if (entry.id === NAMESPACE_ID) {
      // A namespace-wide clear: every cache here, whatever the row's own cause, as a precaution.
      for (const other of this.#entries.values()) for (const record of other.records) emptyRecord(record, 'precaution', now);
      return;
    }
    for (const record of entry.records) {
      const cause: ClearCause = effect.cause !== 'own' ? effect.cause : record === origin ? 'own' : 'sibling';
      emptyRecord(record, cause, now);
    }
  }

  #listen(): void {
    if (this.#notifier) return;
    this.#notifier = this.#givenNotifier ?? createDefaultNotifier(`local-sync-cache:${this.namespace}`, this.#onError);
    this.#unsubscribe = this.#notifier.subscribe((message) => this.#receive(message));
  }

  #requireStore(): SharedStore {
    this.#store ??= openSharedStore({ given: this.#givenStore, namespace: this.namespace, timeout: this.#storeTimeout, logger: this.#logger, onError: this.#onError });
    return this.#store;
  }

  /** Ids with a cache or watcher here: every one (a check), or only those that adopted nothing yet (first reads). */
  #entriesToRead(all = false): IdEntry[] {
    const entries: IdEntry[] = [];
    for (const entry of this.#entries.values()) if (entry.records.size > 0 && (all || entry.state.adopted === undefined)) entries.push(entry);
    return this.#withNamespaceEntry(entries, all);
  }

  /** Adds the namespace-wide id to a read of caches' ids (when it is due: always in a check, until adopted in first reads). */
  #withNamespaceEntry(entries: IdEntry[], all: boolean): IdEntry[] {
    const entry = this.#entries.get(NAMESPACE_ID);
    if (entries.length > 0 && entry && (all || entry.state.adopted === undefined)) entries.push(entry);
    return entries;
  }

  /**
   * Reads the markers of `entries` in one transaction and feeds each to the protocol. When every
   * id was last read at one revision, the store is asked to skip the records if that revision
   * still stands. The markers of the last read are then what a full read would return: fed again,
   * except to ids whose state is still the one that read left and would not change
   * (rereadChangesNothing), so a check of unchanged caches does no work per id beyond a comparison.
   * @param counted `undefined` to count a `checkAll()` run (CacheRecord.checks), `null` not to.
   */
  async #checkIds(entries: IdEntry[], counted: undefined | null): Promise<CheckResult> {
    if (counted === undefined) this.#checkRuns += 1;
    if (entries.length === 0) return { checked: [], emptied: [] };
    const ids: string[] = [];
    // What each id's last read found when this read is sent: an answer that skips the records
    // stands for exactly that, even if an answer to a later read is handled first.
    const lastReads: Array<IdEntry['lastRead']> = [];
    // The revision every id was last read at, if they share one.
    let since = entries[0].lastRead?.revision ?? undefined;
    for (const entry of entries) {
      ids.push(entry.id);
      lastReads.push(entry.lastRead);
      if (entry.lastRead?.revision !== since) since = undefined;
    }
    const call = ++this.#storeCalls;
    let snapshot: StoreSnapshot;
    try {
      snapshot = await this.#requireStore().read(ids, since ?? undefined);
    } catch (error) {
      this.#onError(error);
      return { checked: [], emptied: [] };
    }
    const { revision, records } = snapshot;
    const emptied: string[] = [];
    const now = this.#clock();
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      if (this.#closed) break;
      const lastRead = lastReads[index];
      let marker: Marker | null;
      if (records) marker = this.#parseRecord(records[index]);
      else if (lastRead && lastRead.settled !== entry.state) marker = lastRead.marker;
      else continue;
      const stepped = this.#apply(entry, { type: 'read', call, marker, now });
      if (stepped.effects.some((effect) => effect.type === 'empty')) emptied.push(entry.id);
      entry.lastRead = { revision: records ? revision : lastRead!.revision, marker, settled: rereadChangesNothing(stepped) ? stepped.state : undefined };
    }
    // The namespace-wide id is not a cache: callers see the caches it emptied instead.
    if (ids.at(-1) === NAMESPACE_ID) {
      const caches = ids.slice(0, -1);
      return { checked: caches, emptied: emptied.at(-1) === NAMESPACE_ID ? caches : emptied };
    }
    return { checked: ids, emptied };
  }

  #parseRecord(record: unknown): Marker | null {
    if (record === undefined) return null;
    const marker = parseMarker(record);
    if (!marker) this.#diagnostics.malformedRecords += 1;
    return marker ?? null;
  }

  #receive(message: unknown): void {
    const nudge = parseNudge(message);
    if (!nudge) {
      this.#diagnostics.malformedMessages += 1;
      return;
    }
    if (this.#closed || nudge.by.startsWith(`${this.#realmId}#`)) return;
    const entry = this.#entries.get(nudge.id);
    if (entry) this.#apply(entry, { type: 'nudge', by: nudge.by });
  }

  /** @param api what was called, for the development message (`false` in production builds) */
  #assertOpen(api: string | false): void {
    if (this.#closed) {
      throw new Error(errorText('hub-closed', api && `${api} was called after hub.close(); create a new hub with createSyncHub(), or new caches on the default hub.`));
    }
  }
}

/** The ids that have a live cache, quoted, for the duplicate-id message. */
function idsInUse(entries: ReadonlyMap<string, IdEntry>): string {
  return [...entries]
    .filter(([, entry]) => [...entry.records].some((record) => record.cache))
    .map(([key]) => JSON.stringify(key))
    .join(', ');
}

/**
 * Creates a hub: a registry of caches with its own namespace, store and channel.
 * @example
 * const hub = createSyncHub({ namespace: 'admin-app' });
 */
export function createSyncHub(options: SyncHubOptions = {}): SyncHub {
  return new SyncHub(options);
}

/**
 * Where markers are shared between realms. Each operation is one IndexedDB transaction.
 */
export interface SharedStore {
  /**
   * How far a marker written here reaches: `'indexeddb'` (every realm of the origin),
   * `'memory'` (every hub given this same store object, for tests and SSR) or
   * `'local-only'` (nothing is shared; only live tabs still hear nudges).
   */
  readonly sharing: SharingMode;
  /**
   * Reads the store's revision and the raw records of several ids in one transaction. When the
   * revision equals `unchangedSince` (a string from an earlier answer), the records are not read:
   * nothing was written since, so they are the ones that answer held. This keeps the common
   * check, where nothing changed, at one small read whatever the number of caches.
   */
  read(ids: readonly string[], unchangedSince?: string): Promise<StoreSnapshot>;
  /**
   * Replaces the record of `id` with `updater(old)` atomically, no other write coming in
   * between, and gives the store a new revision in the same transaction.
   */
  update(id: string, updater: (old: unknown) => unknown): Promise<void>;
  /**
   * Replaces the record of each id in `updaters` with its updater's result, and sets each record
   * of `extras` (records beside the markers, e.g. the server feed's stream cursor), all in ONE
   * transaction with a new revision: no other write comes in between, and none of it commits
   * without the rest.
   */
  updateMany(updaters: ReadonlyMap<string, (old: unknown) => unknown>, extras?: ReadonlyMap<string, unknown>): Promise<void>;
  /** Reads an extra record set by {@link SharedStore.updateMany}, `undefined` where there is none. */
  readExtra(key: string): Promise<unknown>;
  /** Releases connections. The records stay. */
  close(): void;
}

/** What {@link SharedStore.read} found. */
export interface StoreSnapshot {
  /**
   * A value that changes with every write. `null` when there is none (an empty or wiped store,
   * or one last written by a version without revisions): the records are then always read.
   */
  revision: string | null;
  /** The raw record of each id asked, `undefined` where there is none; absent when unchanged. */
  records?: unknown[];
}

export type SharingMode = 'indexeddb' | 'memory' | 'local-only';

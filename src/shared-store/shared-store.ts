/**
 * Where markers are shared between realms. The library only needs two operations, both of
 * which IndexedDB performs in a single transaction.
 */
export interface SharedStore {
  /**
   * How far a marker written here reaches: `'indexeddb'` (every realm of the origin),
   * `'memory'` (every hub given this same store object, for tests and SSR) or
   * `'local-only'` (nothing is shared; only live tabs still hear nudges).
   */
  readonly sharing: SharingMode;
  /** Reads the raw records of several ids in one transaction, `undefined` where there is none. */
  readMany(ids: readonly string[]): Promise<unknown[]>;
  /** Replaces the record of `id` with `updater(old)` atomically: no other write comes in between. */
  update(id: string, updater: (old: unknown) => unknown): Promise<void>;
  /**
   * Replaces the record of each id in `updaters` with its updater's result, and sets each record
   * of `extras` (records beside the markers, e.g. the server feed's stream cursor), all in ONE
   * transaction: no other write comes in between, and none of it commits without the rest.
   */
  updateMany(updaters: ReadonlyMap<string, (old: unknown) => unknown>, extras?: ReadonlyMap<string, unknown>): Promise<void>;
  /** Reads an extra record set by {@link SharedStore.updateMany}, `undefined` where there is none. */
  readExtra(key: string): Promise<unknown>;
  /** Releases connections. The records stay. */
  close(): void;
}

export type SharingMode = 'indexeddb' | 'memory' | 'local-only';

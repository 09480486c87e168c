/**
 * The ONE seam between the remote client and the core. Everything `connectRemote()` does to caches,
 * markers and the saved stream cursor goes through this interface; `createHubCore()` is the
 * implementation on the hub's store, and tests may give their own.
 *
 * - `applyRemoteClear(ids, cursor)`: nudge, then bump each id's marker with a token that says
 *   "server" AND save `cursor`, in ONE IndexedDB read-write transaction; the local caches of those
 *   ids are emptied as an external clear.
 * - `applyRemoteReset(cursor)`: the same for every cache of the namespace, including ids no cache in
 *   this realm has registered (the namespace-wide marker), counted as a precaution.
 * - `readCursor()`: the cursor saved by the last such transaction.
 */
export interface RemoteCore {
  /** The hub namespace this core serves; clears for another namespace are skipped. */
  readonly namespace: string;
  /** Applies a server clear of `ids` exactly like a clear from another realm, recording `cursor` in the same transaction. Rejects when nothing was recorded. */
  applyRemoteClear(ids: readonly string[], cursor: string): Promise<void>;
  /** Empties every cache of the namespace in every realm (a `reset`, or a namespace-wide clear), recording `cursor` (if not `null`) in the same transaction. */
  applyRemoteReset(cursor: string | null): Promise<void>;
  /** Records `cursor` alone (after `ready`: everything up to it has been applied). */
  saveCursor(cursor: string): Promise<void>;
  /** The last recorded cursor, or `null` before the first. */
  readCursor(): Promise<string | null>;
}

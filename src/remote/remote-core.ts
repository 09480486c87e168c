/**
 * The ONE seam between the remote client and the core. Everything `connectRemote()` does to caches,
 * markers and the saved stream cursor goes through this interface, so that the core's coming
 * store-level API can replace `createPublicApiCore()` without touching the rest of src/remote/.
 *
 * What the core should eventually provide (DESIGN.md, "Beyond one browser"):
 * - `applyRemoteClear(ids, cursor)`: bump each id's marker with a token that says "server" AND
 *   save `cursor`, in ONE IndexedDB read-write transaction, then post the nudge; the local caches
 *   of those ids are emptied as an external clear (not an own clear).
 * - `applyRemoteReset(cursor)`: the same for every cache of the namespace, including ids no cache in
 *   this realm has registered (a namespace-wide marker or epoch), counted as a precaution.
 * - `readCursor()`: the cursor saved by the last such transaction.
 */
export interface RemoteCore {
  /** The hub namespace this core serves; clears for another namespace are skipped. */
  readonly namespace: string;
  /** Applies a server clear of `ids` exactly like a clear from another realm, then records `cursor`. */
  applyRemoteClear(ids: readonly string[], cursor: string): Promise<void>;
  /** Empties every cache of the namespace in every realm (a `reset`, or a namespace-wide clear), then records `cursor` (if not `null`). */
  applyRemoteReset(cursor: string | null): Promise<void>;
  /** Records `cursor` alone (after `ready`: everything up to it has been applied). */
  saveCursor(cursor: string): Promise<void>;
  /** The last recorded cursor, or `null` before the first. */
  readCursor(): Promise<string | null>;
}

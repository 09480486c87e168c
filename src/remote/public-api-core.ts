import { createStore, get, set, type UseStore } from 'idb-keyval';
import { getDefaultHub } from '../hub/default-hub.js';
import type { SyncHub } from '../hub/sync-hub.js';
import type { RemoteCore } from './remote-core.js';

/** Where {@link createPublicApiCore} keeps the cursor. */
export interface CursorStore {
  get(): Promise<string | undefined>;
  set(cursor: string): Promise<void>;
}

/**
 * The remote core built on today's public API only, the simplest honest way until the core offers
 * a store-level one (see remote-core.ts for what that must do). Its differences, all on the side of
 * clearing too much or twice, never too little:
 *
 * - Each id is cleared with `hub.clear(id)`: the leader's caches of that id are emptied (cause
 *   `'sibling'`), other realms are nudged and the marker is bumped (so hidden, frozen and
 *   bfcache'd tabs and stopped service workers catch up at their next check).
 * - The cursor is saved after the markers committed, in a database of its own, not in the same
 *   transaction: a tab that dies in between applies the same clear again after restart (twice, not
 *   never).
 * - A reset clears the ids this realm knows (its registered caches); ids only other tabs use are
 *   not reached through markers. Live tabs still hear nothing for them: this needs the core.
 */
export function createPublicApiCore(options: { hub?: SyncHub; cursorStore?: CursorStore } = {}): RemoteCore {
  const hub = options.hub ?? getDefaultHub();
  let store: UseStore | undefined;
  const cursorStore: CursorStore = options.cursorStore ?? {
    // Opened on first use: nothing happens at import or creation time.
    get: () => get<string>('cursor', (store ??= createStore(`local-sync-cache-remote:${hub.namespace}`, 'cursor'))),
    set: (cursor) => set('cursor', cursor, (store ??= createStore(`local-sync-cache-remote:${hub.namespace}`, 'cursor'))),
  };

  async function clearIds(ids: Iterable<string>): Promise<void> {
    await Promise.all([...new Set(ids)].map((id) => hub.clear(id)));
  }

  return {
    namespace: hub.namespace,
    async applyRemoteClear(ids, cursor) {
      await clearIds(ids);
      await cursorStore.set(cursor);
    },
    async applyRemoteReset(cursor) {
      await clearIds(hub.inspect().keys());
      if (cursor !== null) await cursorStore.set(cursor);
    },
    saveCursor: (cursor) => cursorStore.set(cursor),
    async readCursor() {
      const cursor = await cursorStore.get();
      return typeof cursor === 'string' ? cursor : null;
    },
  };
}

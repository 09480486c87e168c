import { getDefaultHub } from '../hub/default-hub.js';
import type { SyncHub } from '../hub/sync-hub.js';
import type { RemoteCore } from './remote-core.js';
import { isStreamId } from './remote-events.js';

/** Options of {@link createHubCore}. */
export interface HubCoreOptions {
  /** The hub whose caches server clears empty. @default the default hub */
  hub?: SyncHub;
  /**
   * Where the stream cursor is kept, beside the hub's markers (in the same IndexedDB database).
   * Give each feed of one namespace its own key.
   * @default 'remote-cursor'
   */
  cursorKey?: string;
}

/**
 * The remote core on the hub's store: each server clear bumps the markers of its ids and saves the
 * stream cursor in ONE IndexedDB transaction (a tab that dies in between applies all of it or
 * none, and a new leader resumes exactly after what was applied), after nudging live realms.
 *
 * @example
 * connectRemote({ url: '/clears', core: createHubCore({ hub, cursorKey: 'cursor:/clears' }) });
 */
export function createHubCore(options: HubCoreOptions = {}): RemoteCore {
  const hub = options.hub ?? getDefaultHub();
  const key = options.cursorKey ?? 'remote-cursor';
  const withCursor = (cursor: string | null) => (cursor === null ? new Map<string, unknown>() : new Map([[key, cursor]]));
  return {
    namespace: hub.namespace,
    applyRemoteClear: (ids, cursor) => hub.applyRemote(ids, withCursor(cursor)),
    applyRemoteReset: (cursor) => hub.applyRemote(null, withCursor(cursor)),
    saveCursor: (cursor) => hub.applyRemote([], withCursor(cursor)),
    async readCursor() {
      // Foreign data like any record: anything but a stream id reads as no cursor.
      const cursor = await hub.readExtra(key);
      return isStreamId(cursor) ? cursor : null;
    },
  };
}

// "Deafen": this realm stops hearing nudges, as if every message to it were lost, so the demo
// can show catch-up at the next check. Built on the hub's public suspendChannel(), which the
// library itself uses while a page sits in the back/forward cache.
import type { SyncHub } from 'local-sync-cache';

/**
 * Closes the hub's channel and calls `onDropped(id)` for every nudge that goes by meanwhile.
 * The nudges are heard on a channel of the demo's own, only to show them: the hub hears none.
 * While deaf, this realm's own clears send no nudge either; other realms find them at their
 * next check. Returns the function that makes the realm hear again.
 */
export function deafen(hub: SyncHub, onDropped: (id: string) => void): () => void {
  hub.suspendChannel();
  // The channel's name and the nudge's `id` field are documented (README: createSyncHub, How it works).
  const witness = new BroadcastChannel(`local-sync-cache:${hub.namespace}`);
  witness.onmessage = (event: MessageEvent<unknown>) => {
    const id = (event.data as { id?: unknown } | null)?.id;
    if (typeof id === 'string') onDropped(id);
  };
  return () => {
    witness.close();
    hub.resumeChannel();
  };
}

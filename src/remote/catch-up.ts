/**
 * Whether this browser has caught up with the server feed, told across its tabs. Only the leader
 * tab holds the connection, so only it knows when everything published before its `ready` has been
 * applied; it announces that on a BroadcastChannel, and answers a tab that asks while it is still
 * connected and caught up. A tab waiting for the catch-up resolves on either.
 *
 * "Caught up" is what an app needs at start-up, before it reads data that outlived the page (a
 * persisted query cache, localStorage): every clear published while the browser was closed, or
 * before this page started, has been applied by then. Later clears arrive live, as any clear does.
 */

/** What one realm of the catch-up does; made by {@link createCatchUp}. */
export interface CatchUp {
  /** This tab leads and applied `ready` on its current connection. */
  reached(): void;
  /** This tab's connection ended, or it stepped down: it can no longer vouch for other tabs. */
  lost(): void;
  /** Resolves `true` once caught up (here or in the leader tab), `false` after `timeout` ms. */
  wait(timeout: number): Promise<boolean>;
  /** Closes the channel; pending waits resolve `false`. */
  close(): void;
}

// Short: the channel's name already says whose messages these are.
const CAUGHT_UP = 'up';
const ASK = 'up?';

/** @param name the channel shared by the tabs of one feed and namespace (the leader lock's name) */
export function createCatchUp(name: string): CatchUp {
  // Live: this tab leads and is caught up right now. Once: this page has seen a catch-up (its own or announced).
  let live = false;
  let once = false;
  let closed = false;
  const waiting = new Set<(caughtUp: boolean) => void>();
  const settle = (caughtUp: boolean) => {
    if (caughtUp) once = true;
    for (const resolve of waiting) resolve(caughtUp);
    waiting.clear();
  };
  // Absent in old browsers: each tab then knows only its own catch-up (every tab leads where Web Locks are missing too).
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      // Foreign data: anything but the two exact messages is ignored.
      if (event.data === CAUGHT_UP) settle(true);
      else if (event.data === ASK && live) channel.postMessage(CAUGHT_UP);
    };
  }
  return {
    reached() {
      live = true;
      channel?.postMessage(CAUGHT_UP);
      settle(true);
    },
    lost() {
      live = false;
    },
    wait(timeout) {
      if (once || closed) return Promise.resolve(once);
      return new Promise<boolean>((resolve) => {
        // setTimeout fires at once past 2^31 - 1 ms; capped, a longer timeout waits about 25 days.
        const timer = setTimeout(() => {
          waiting.delete(done);
          resolve(false);
        }, Math.min(timeout, 2_147_483_647));
        const done = (caughtUp: boolean) => {
          clearTimeout(timer);
          resolve(caughtUp);
        };
        waiting.add(done);
        channel?.postMessage(ASK);
      });
    },
    close() {
      live = false;
      closed = true;
      channel?.close();
      settle(false);
    },
  };
}

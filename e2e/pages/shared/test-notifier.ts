// A Notifier over the platform's BroadcastChannel (the same transport the library picks by
// default) that a test can steer:
// - `dropping` drops incoming nudges, standing in for a nudge that a hidden, frozen or
//   suspended tab never got (a CDP freeze does not hold messages back, so the test drops them);
// - `announce()` sends the test's own messages on the SAME channel object as the hub's nudges.
//   A BroadcastChannel delivers the messages of one sender object in order, so a receiver that
//   reads an announcement posted after a clear() resolved has already been handed that clear's
//   nudge. That gives the concurrency test an ordering it can check without comparing clocks.
import type { Notifier } from 'local-sync-cache';

const ANNOUNCEMENT = 'e2e:announcement';

export interface TestNotifier extends Notifier {
  /** While true, messages for the hub are dropped on arrival. */
  dropping: boolean;
  /** How many messages for the hub were dropped. */
  readonly dropped: number;
  /** Sends a test message to the other tabs, after every nudge this tab has posted so far. */
  announce(payload: unknown): void;
  /** Receives the payloads other tabs announce. */
  onAnnouncement(listener: (payload: unknown) => void): void;
}

export function createTestNotifier(channelName: string): TestNotifier {
  const channel = new BroadcastChannel(channelName);
  const hubListeners = new Set<(message: unknown) => void>();
  const announcementListeners = new Set<(payload: unknown) => void>();
  let dropped = 0;
  const notifier: TestNotifier = {
    dropping: false,
    get dropped() {
      return dropped;
    },
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      hubListeners.add(listener);
      return () => hubListeners.delete(listener);
    },
    close() {
      hubListeners.clear();
      announcementListeners.clear();
      channel.close();
    },
    announce: (payload) => channel.postMessage({ type: ANNOUNCEMENT, payload }),
    onAnnouncement(listener) {
      announcementListeners.add(listener);
    },
  };
  channel.onmessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; payload?: unknown } | null;
    if (data && data.type === ANNOUNCEMENT) {
      for (const listener of announcementListeners) listener(data.payload);
      return;
    }
    if (notifier.dropping) {
      dropped += 1;
      return;
    }
    for (const listener of hubListeners) listener(event.data);
  };
  return notifier;
}

import type { Notifier } from './notifier.js';

/** A {@link Notifier} over the platform's `BroadcastChannel`. */
export function createNativeNotifier(channelName: string, Channel: typeof BroadcastChannel): Notifier {
  const channel = new Channel(channelName);
  // Node's channel keeps the process alive; a cache must never stop a script or SSR server from exiting.
  (channel as { unref?: () => void }).unref?.();
  const listeners = new Set<(message: unknown) => void>();
  const deliver = (message: unknown): void => {
    for (const listener of listeners) listener(message);
  };
  channel.onmessage = (event: MessageEvent) => deliver(event.data);
  // A message that cannot be deserialized still reaches the listeners, as `undefined`, to be counted as malformed.
  channel.onmessageerror = () => deliver(undefined);
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel.close();
    },
  };
}

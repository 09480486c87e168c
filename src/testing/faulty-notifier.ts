import type { Notifier } from '../notifier/notifier.js';

/**
 * A {@link Notifier} whose incoming messages a test controls: held in an inbox, then
 * delivered, dropped, duplicated or taken out of order on purpose. Faults sit on the receiving
 * side because that is where a real channel loses messages: one tab is frozen or in the
 * back/forward cache while the others hear the nudge.
 */
export interface FaultyNotifier extends Notifier {
  /** Copies of every message this realm posted, in order (including those whose post failed). */
  readonly sent: readonly unknown[];
  /** Messages that arrived while holding and were neither delivered nor dropped yet. */
  readonly inbox: readonly unknown[];
  /** Messages that reached the listeners, duplicates included. */
  readonly delivered: number;
  /** Messages dropped with {@link FaultyNotifier.drop} or {@link FaultyNotifier.dropAll}. */
  readonly dropped: number;
  /** From now on, keep arriving messages in the inbox until the test decides. */
  hold(): void;
  /** From now on, hand arriving messages to the listeners at once; the inbox stays as it is. */
  pass(): void;
  /** Hands the inbox message at `index` to the listeners and removes it. @returns false when there is none. */
  deliver(index?: number): boolean;
  /** Forgets the inbox message at `index`, as a frozen tab does. @returns false when there is none. */
  drop(index?: number): boolean;
  /** Hands a copy of the inbox message at `index` to the listeners and keeps it, so it can arrive again. */
  duplicate(index?: number): boolean;
  /** Delivers the whole inbox in order. @returns how many. */
  deliverAll(): number;
  /** Drops the whole inbox. @returns how many. */
  dropAll(): number;
  /** Makes the next `count` calls of `post` throw `error`, as a closed or broken channel does. */
  failPosts(count?: number, error?: unknown): void;
}

/**
 * Wraps any notifier, e.g. one from `createMemoryBus().connect()`. Starts passing messages
 * through; call `hold()` to take control of delivery.
 *
 * @example
 * const notifier = createFaultyNotifier(bus.connect());
 * notifier.hold();
 * // ... another tab clears ...
 * notifier.drop(); // this tab never hears the nudge
 */
export function createFaultyNotifier(inner: Notifier): FaultyNotifier {
  const listeners = new Set<(message: unknown) => void>();
  const inbox: unknown[] = [];
  const sent: unknown[] = [];
  let holding = false;
  let delivered = 0;
  let dropped = 0;
  let postFailures = 0;
  let postError: unknown;

  const handOver = (message: unknown): void => {
    delivered += 1;
    for (const listener of [...listeners]) listener(message);
  };
  // One subscription to the inner transport for the wrapper's whole life, so that holding can
  // start and stop without ever leaving a gap in which a message is heard by nobody.
  const unsubscribeInner = inner.subscribe((message) => {
    if (holding) inbox.push(message);
    else handOver(message);
  });

  const take = (index: number): { found: boolean; message?: unknown } => {
    if (!Number.isInteger(index) || index < 0 || index >= inbox.length) return { found: false };
    const [message] = inbox.splice(index, 1);
    return { found: true, message };
  };

  return {
    get sent() {
      return sent;
    },
    get inbox() {
      return inbox;
    },
    get delivered() {
      return delivered;
    },
    get dropped() {
      return dropped;
    },
    post(message) {
      sent.push(structuredClone(message));
      if (postFailures > 0) {
        postFailures -= 1;
        throw postError;
      }
      inner.post(message);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      unsubscribeInner();
      inner.close();
    },
    hold() {
      holding = true;
    },
    pass() {
      holding = false;
    },
    deliver(index = 0) {
      const { found, message } = take(index);
      if (found) handOver(message);
      return found;
    },
    drop(index = 0) {
      const { found } = take(index);
      if (found) dropped += 1;
      return found;
    },
    duplicate(index = 0) {
      if (!Number.isInteger(index) || index < 0 || index >= inbox.length) return false;
      // A copy, as a second structured-clone delivery would be: listeners must not share one object.
      handOver(structuredClone(inbox[index]));
      return true;
    },
    deliverAll() {
      const messages = inbox.splice(0);
      for (const message of messages) handOver(message);
      return messages.length;
    },
    dropAll() {
      const count = inbox.splice(0).length;
      dropped += count;
      return count;
    },
    failPosts(count = 1, error = new Error('faulty notifier: post failed on purpose')) {
      postFailures = count;
      postError = error;
    },
  };
}

import type { Notifier } from './notifier.js';

/** An in-memory channel: every notifier connected to one bus hears the others, as tabs do. */
export interface MemoryBus {
  /** A new notifier on this bus, standing for one realm's channel. */
  connect(): Notifier;
}

/**
 * Creates an in-memory channel for tests and SSR. Messages are copied with `structuredClone`
 * and delivered asynchronously, in order, never to their sender: the semantics of
 * `BroadcastChannel`.
 */
export function createMemoryBus(): MemoryBus {
  const members = new Set<Set<(message: unknown) => void>>();
  return {
    connect() {
      const listeners = new Set<(message: unknown) => void>();
      members.add(listeners);
      return {
        post(message) {
          const copy = structuredClone(message);
          for (const member of members) {
            if (member === listeners) continue;
            queueMicrotask(() => {
              for (const listener of member) listener(copy);
            });
          }
        },
        subscribe(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close() {
          listeners.clear();
          members.delete(listeners);
        },
      };
    },
  };
}

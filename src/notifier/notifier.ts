/**
 * How a realm tells the other live realms of the origin about a clear at once. Delivery is a
 * speed-up, not the guarantee: frozen tabs, stopped service workers and pages in the
 * back/forward cache miss messages, and the next check catches up.
 */
export interface Notifier {
  /** Sends a message to every other realm listening on the same channel name. */
  post(message: unknown): void;
  /** Listens for messages from other realms; returns the function that stops listening. */
  subscribe(listener: (message: unknown) => void): () => void;
  /** Stops sending and receiving for good. */
  close(): void;
}

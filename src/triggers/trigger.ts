/** A trigger attaches to one kind of event, calls `callback` on it, and returns its detacher. */
export type Trigger = (callback: () => void) => () => void;

/** Adds a listener and returns the function that removes exactly it. */
export function listen(target: EventTarget, type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): () => void {
  target.addEventListener(type, listener, options);
  return () => target.removeEventListener(type, listener, options);
}

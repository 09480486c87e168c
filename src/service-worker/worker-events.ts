/**
 * The parts of service-worker events this entry uses. Written out because the project compiles
 * against the DOM typings, which lack `FetchEvent`; a real `FetchEvent` or `ExtendableMessageEvent`
 * fits these shapes, and so does a two-line test double.
 */

/** An event whose handling may keep the worker alive (`install`, `message`, `fetch`...). */
export interface ExtendableEventLike {
  /** Keeps the worker running until `promise` settles. Must be called while the event is dispatched. */
  waitUntil(promise: Promise<unknown>): void;
}

/** A `fetch` event: a request from a page the worker controls. */
export interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  /** Answers the request. Must be called while the event is dispatched. */
  respondWith(response: Response | Promise<Response>): void;
}

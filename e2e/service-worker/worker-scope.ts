// What both test workers (worker.ts, workbox-worker.ts) share: the worker scope as far as they use
// it, taking over at once, and a token of the worker's life.
import type { FetchEventLike } from 'local-sync-cache/service-worker';

export interface MessageEventLike {
  data: unknown;
  source: { postMessage(message: unknown): void } | null;
  waitUntil(promise: Promise<unknown>): void;
}

interface WorkerScope {
  addEventListener(type: string, listener: (event: never) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}
declare const self: WorkerScope;

/** New at every start of the worker: tells the test whether the worker was really restarted. */
export const life = Math.random().toString(36).slice(2);

/** Activates a new worker at once and lets it control the open pages, so a test need not reload them. */
export function takeOverAtOnce(): void {
  self.addEventListener('install', (event: { waitUntil(promise: Promise<unknown>): void }) => event.waitUntil(self.skipWaiting()));
  self.addEventListener('activate', (event: { waitUntil(promise: Promise<unknown>): void }) => event.waitUntil(self.clients.claim()));
}

export function onFetch(listener: (event: FetchEventLike) => void): void {
  self.addEventListener('fetch', listener);
}

export function onMessage(listener: (event: MessageEventLike) => void): void {
  self.addEventListener('message', listener);
}

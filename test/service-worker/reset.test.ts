// A reset (a namespace-wide clear from the server feed, hub.applyRemote(null)) must reach a
// service worker's Cache Storage like any clear of its id: it moves the namespace-wide marker, not
// the id's own, so the content marker records both (src/service-worker/content-marker.ts).
import { afterEach, expect, it } from 'vitest';
import { createManualClock } from '../../src/testing/index.js';
import { closeWorkerOrigins, createWorkerOrigin } from './helpers/worker-origin.js';

const DATA = 'http://localhost/api/data';
afterEach(closeWorkerOrigins);

/** Lets queued promise reactions run (memory store and memory Cache Storage answer in microtasks). */
async function flush(): Promise<void> {
  for (let turn = 0; turn < 50; turn++) await Promise.resolve();
}

/** One origin on one manual clock, with a tab's hub to clear and reset from. */
function createOrigin() {
  const clock = createManualClock();
  const origin = createWorkerOrigin({ clock: clock.now });
  return { clock, tab: origin.hub(), startWorker: origin.worker };
}

/** A worker that stored `text` for DATA and stopped, its content marker written. */
async function storedAndStopped(origin: ReturnType<typeof createOrigin>, text: string): Promise<void> {
  await origin.tab.clear('api');
  const worker = origin.startWorker();
  expect(await worker.binding.put(DATA, new Response(text))).toBe(true);
  expect(await (await worker.binding.match(DATA))?.text()).toBe(text);
  worker.stop();
}

it('a worker restarted right after a reset deletes what it stored before', async () => {
  const origin = createOrigin();
  await storedAndStopped(origin, 'before the reset');
  await origin.tab.applyRemote(null, new Map());
  const restarted = origin.startWorker(false);
  expect(await restarted.binding.match(DATA)).toBeUndefined();
});

it('a worker restarted long after a reset deletes what it stored before', async () => {
  const origin = createOrigin();
  await storedAndStopped(origin, 'before the reset');
  await origin.tab.applyRemote(null, new Map());
  // Past the first-read slack: the hub adopts the namespace-wide marker silently (F2).
  origin.clock.step(60_000);
  const restarted = origin.startWorker(false);
  expect(await restarted.binding.match(DATA)).toBeUndefined();
});

it('a restarted worker that hears the reset nudge before its first request deletes what it stored before', async () => {
  const origin = createOrigin();
  await storedAndStopped(origin, 'before the reset');
  const restarted = origin.startWorker(true);
  await flush();
  await origin.tab.applyRemote(null, new Map());
  await flush();
  expect(await restarted.binding.match(DATA)).toBeUndefined();
});

it('a worker restarted with no reset in between keeps what it stored', async () => {
  const origin = createOrigin();
  await origin.tab.applyRemote(null, new Map());
  await storedAndStopped(origin, 'after the reset');
  origin.clock.step(60_000);
  const restarted = origin.startWorker(false);
  expect(await (await restarted.binding.match(DATA))?.text()).toBe('after the reset');
});

// In a worker or under server rendering there is no window: installAutoCheck must attach nothing harmful.
import { afterEach, expect, it, vi } from 'vitest';
import { createSyncHub, installAutoCheck } from '../src/index.js';
import { createMemoryBus, createMemoryStore } from '../src/testing/index.js';
import { recordingLogger } from './helpers/tabs.js';

afterEach(() => vi.useRealTimers());

it('attaches only the interval where there is no window', async () => {
  expect(typeof window).toBe('undefined');
  vi.useFakeTimers();
  const hub = createSyncHub({ store: createMemoryStore(), notifier: createMemoryBus().connect(), logger: recordingLogger() });
  const checks = vi.spyOn(hub, 'checkAll');
  const remove = installAutoCheck({ hub });
  const removeWithInterval = installAutoCheck({ hub, interval: 100 });
  for (let tick = 0; tick < 2; tick++) {
    vi.advanceTimersByTime(100);
    await Promise.resolve();
  }
  expect(checks).toHaveBeenCalledTimes(2);
  remove();
  removeWithInterval();
  vi.advanceTimersByTime(1000);
  await Promise.resolve();
  expect(checks).toHaveBeenCalledTimes(2);
  hub.close();
});

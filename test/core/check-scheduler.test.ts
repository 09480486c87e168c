// The one check coalescer (src/core/check-scheduler.ts): every request is answered by the first
// run that starts after it; runs never overlap; starts keep the interval; one task's requests
// share a run when batchTask is on.
import { describe, expect, it } from 'vitest';
import { createCheckScheduler } from '../../src/core/check-scheduler.js';
import { createManualClock } from '../../src/testing/manual-clock.js';

/** A run that the test finishes by hand, numbered in start order. */
function gatedRuns() {
  const pending: Array<(value: number) => void> = [];
  let started = 0;
  const run = () => {
    const number = ++started;
    return new Promise<number>((resolve) => pending.push(() => resolve(number)));
  };
  return { run, finishNext: () => pending.shift()?.(0), started: () => started };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createCheckScheduler', () => {
  it('starts a lone request at once', () => {
    const runs = gatedRuns();
    const scheduler = createCheckScheduler(runs.run);
    void scheduler.request();
    expect(runs.started()).toBe(1);
  });

  it('answers a request made while a run is under way with the next run, shared by every such request', async () => {
    const runs = gatedRuns();
    const scheduler = createCheckScheduler(runs.run);
    const first = scheduler.request();
    const later = [scheduler.request(), scheduler.request(), scheduler.request()];
    expect(runs.started()).toBe(1);
    runs.finishNext();
    await expect(first).resolves.toBe(1);
    await turn();
    expect(runs.started()).toBe(2);
    runs.finishNext();
    await expect(Promise.all(later)).resolves.toEqual([2, 2, 2]);
    expect(scheduler.runs).toBe(2);
  });

  it('with batchTask, shares one run among the requests of one task', async () => {
    const runs = gatedRuns();
    const scheduler = createCheckScheduler(runs.run, { batchTask: true });
    const requests = [scheduler.request(), scheduler.request(), scheduler.request()];
    expect(runs.started()).toBe(0);
    await Promise.resolve();
    expect(runs.started()).toBe(1);
    runs.finishNext();
    await expect(Promise.all(requests)).resolves.toEqual([1, 1, 1]);
  });

  it('keeps the interval between starts with a timer, and waits one interval when the clock went back', async () => {
    const runs = gatedRuns();
    const clock = createManualClock(0);
    const scheduler = createCheckScheduler(runs.run, { interval: 10, timers: clock });
    void scheduler.request();
    runs.finishNext();
    await turn();
    void scheduler.request();
    expect(runs.started()).toBe(1);
    expect(clock.due).toEqual([10]);
    clock.advance(10);
    expect(runs.started()).toBe(2);
    runs.finishNext();
    await turn();
    clock.set(-100);
    void scheduler.request();
    expect(clock.due).toEqual([-90]);
  });

  it('passes a run\'s failure to the requests it answers, and goes on with the next', async () => {
    let calls = 0;
    const scheduler = createCheckScheduler(() => (++calls === 1 ? Promise.reject(new Error('store down')) : Promise.resolve(calls)));
    await expect(scheduler.request()).rejects.toThrow('store down');
    await expect(scheduler.request()).resolves.toBe(2);
  });
});

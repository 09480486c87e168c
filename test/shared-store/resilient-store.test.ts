import { describe, expect, it, vi } from 'vitest';
import { type SharedStore } from '../../src/index.js';
import { createMemoryStore } from '../../src/testing/index.js';
import { createResilientStore } from '../../src/shared-store/resilient-store.js';

/** A store that fails while `broken` is true. */
function switchableStore() {
  const inner = createMemoryStore();
  const control = { broken: false, calls: 0 };
  const store: SharedStore = {
    sharing: 'memory',
    read(ids, unchangedSince) {
      control.calls += 1;
      return control.broken ? Promise.reject(new Error('connection closed')) : inner.read(ids, unchangedSince);
    },
    update(id, updater) {
      control.calls += 1;
      return control.broken ? Promise.reject(new Error('connection closed')) : inner.update(id, updater);
    },
    updateMany(updaters, extras) {
      control.calls += 1;
      return control.broken ? Promise.reject(new Error('connection closed')) : inner.updateMany(updaters, extras);
    },
    readExtra(key) {
      control.calls += 1;
      return control.broken ? Promise.reject(new Error('connection closed')) : inner.readExtra(key);
    },
    close() {},
  };
  return { store, control };
}

describe('resilient store', () => {
  it('retries once after a pause, so a failure that passes costs nothing', async () => {
    const { store, control } = switchableStore();
    const onDegrade = vi.fn();
    const resilient = createResilientStore(store, 'none', { timeout: 1000, retryDelay: 20, onDegrade });
    control.broken = true;
    setTimeout(() => (control.broken = false), 5);
    await expect(resilient.read(['a']).then((snapshot) => snapshot.records)).resolves.toEqual([undefined]);
    expect(control.calls).toBe(2);
    expect(onDegrade).not.toHaveBeenCalled();
  });

  it('goes local-only after a second failure, and back to the shared store when it answers again', async () => {
    // Only Date is faked: the recovery delay is measured with Date.now(), so the test moves it
    // by hand instead of racing a real 30 ms window; the retry pause still uses real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const recoveryDelay = 60_000;
      const { store, control } = switchableStore();
      const onDegrade = vi.fn();
      const resilient = createResilientStore(store, 'none', { timeout: 1000, retryDelay: 1, recoveryDelay, onDegrade });
      control.broken = true;
      await resilient.update('a', () => 1);
      expect(resilient.sharing).toBe('local-only');
      expect(onDegrade).toHaveBeenCalledTimes(1);

      const callsWhileDegraded = control.calls;
      await resilient.read(['a']);
      expect(control.calls).toBe(callsWhileDegraded);

      vi.setSystemTime(Date.now() + recoveryDelay + 1);
      await resilient.read(['a']);
      expect(control.calls).toBe(callsWhileDegraded + 1);
      expect(resilient.sharing).toBe('local-only');

      control.broken = false;
      vi.setSystemTime(Date.now() + recoveryDelay + 1);
      await resilient.update('a', () => 2);
      expect(resilient.sharing).toBe('memory');
      await expect(resilient.read(['a']).then((snapshot) => snapshot.records)).resolves.toEqual([2]);

      control.broken = true;
      await resilient.read(['a']);
      expect(resilient.sharing).toBe('local-only');
      expect(onDegrade).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

});

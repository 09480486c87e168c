import type { Trigger } from './trigger.js';

/** Fires every `milliseconds`; browsers slow timers in hidden tabs, which is fine for a safety net. */
export function onInterval(milliseconds: number): Trigger {
  return (callback) => {
    const timer = setInterval(callback, milliseconds);
    return () => clearInterval(timer);
  };
}

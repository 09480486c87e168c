import { listen, type Trigger } from './trigger.js';

/** Fires when the browser regains its network: data may have changed while the app could not hear of it. */
export function onOnline(target: EventTarget): Trigger {
  return (callback) => listen(target, 'online', callback);
}

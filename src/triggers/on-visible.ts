import { listen, type Trigger } from './trigger.js';

/** Fires when the page becomes visible again (a tab brought to the front, a window restored). */
export function onVisible(page: Document): Trigger {
  return (callback) =>
    listen(page, 'visibilitychange', () => {
      if (page.visibilityState === 'visible') callback();
    });
}

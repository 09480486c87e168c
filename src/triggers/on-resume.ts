import { listen, type Trigger } from './trigger.js';

/**
 * Fires when a frozen page thaws (Page Lifecycle `resume`, Chromium). While frozen, the page
 * ran no code, so any nudge it should have acted on may have been dropped.
 */
export function onResume(page: Document): Trigger {
  return (callback) => listen(page, 'resume', callback);
}

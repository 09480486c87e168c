import { listen } from './trigger.js';

export interface BackForwardCacheHandlers {
  /** The page is entering the back/forward cache. */
  onEnter(): void;
  /** The page was restored from the back/forward cache. */
  onRestore(): void;
  /** A page show that is not a restore (the first load). */
  onShow(): void;
}

/**
 * Watches `pagehide`/`pageshow` with `persisted`. Listeners are added in the capture phase,
 * which runs them before the app's listeners on `document` and below; on `window` itself
 * Chromium runs listeners in the order they were added, which is why the caller also acts on
 * `pagehide`. Uses no `unload` listener, which would make the page ineligible for the cache.
 */
export function onBackForwardCache(page: Window, handlers: BackForwardCacheHandlers): () => void {
  const stopHide = listen(page, 'pagehide', (event) => {
    if ((event as PageTransitionEvent).persisted) handlers.onEnter();
  }, { capture: true });
  const stopShow = listen(page, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) handlers.onRestore();
    else handlers.onShow();
  }, { capture: true });
  return () => {
    stopHide();
    stopShow();
  };
}

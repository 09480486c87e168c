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
 * Watches `pagehide`/`pageshow` with `persisted`. Listeners are added in the capture phase so
 * that, on a restore, caches are emptied before the app's own `pageshow` listeners read them.
 * Uses no `unload` listener, which would make the page ineligible for the cache.
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

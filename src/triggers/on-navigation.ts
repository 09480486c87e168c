import { listen, type Trigger } from './trigger.js';

interface NavigationLike extends EventTarget {
  readonly currentEntry: unknown;
}

type HistoryMethod = History['pushState'];

/**
 * Fires on same-document navigation. Uses the Navigation API where the browser has it
 * (every navigation, whatever router made it); otherwise wraps `history.pushState` and
 * `replaceState` and listens for `popstate`, since the History API has no event for the
 * first two. The wrappers are installed only when this trigger is attached, never at import.
 */
export function onNavigation(page: Window): Trigger {
  return (callback) => {
    const navigation = (page as Window & { navigation?: NavigationLike }).navigation;
    if (navigation && typeof navigation.addEventListener === 'function') {
      return listen(navigation, 'navigate', callback);
    }
    const history = page.history;
    const restorePush = wrapHistoryMethod(history, 'pushState', callback);
    const restoreReplace = wrapHistoryMethod(history, 'replaceState', callback);
    const stopPopState = listen(page, 'popstate', callback);
    return () => {
      restorePush();
      restoreReplace();
      stopPopState();
    };
  };
}

function wrapHistoryMethod(history: History, name: 'pushState' | 'replaceState', callback: () => void): () => void {
  const original: HistoryMethod = history[name];
  let active = true;
  const wrapper: HistoryMethod = function (this: History, ...args) {
    const result = original.apply(this, args);
    if (active) callback();
    return result;
  };
  history[name] = wrapper;
  return () => {
    active = false;
    // Restore only if nobody wrapped it after us; otherwise our wrapper stays as a silent pass-through.
    if (history[name] === wrapper) history[name] = original;
  };
}

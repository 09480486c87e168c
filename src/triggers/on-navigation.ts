import { listen, type Trigger } from './trigger.js';

interface NavigationLike extends EventTarget {
  readonly currentEntry: unknown;
}

/** What a `navigate` event says of where it goes (absent in older implementations). */
interface NavigateEventLike extends Event {
  readonly destination?: { readonly sameDocument?: boolean };
}

type HistoryMethod = History['pushState'];

/**
 * Fires on same-document navigation. Uses the Navigation API where the browser has it
 * (every navigation, whatever router made it; one towards another document once a router has
 * intercepted it and it succeeded); otherwise wraps `history.pushState` and
 * `replaceState` and listens for `popstate`, since the History API has no event for the
 * first two. The wrappers are installed only when this trigger is attached, never at import.
 */
export function onNavigation(page: Window): Trigger {
  return (callback) => {
    const navigation = (page as Window & { navigation?: NavigationLike }).navigation;
    if (navigation && typeof navigation.addEventListener === 'function') {
      // A navigation to another document unloads this one, maybe into the back/forward cache: a
      // check started then would only leave a store transaction open across the freeze (Chromium
      // then evicts the page when another tab writes). A router may still intercept it and keep
      // it here: then the check runs once it succeeds.
      let afterSuccess: (() => void) | undefined;
      const stopNavigate = listen(navigation, 'navigate', (event) => {
        if ((event as NavigateEventLike).destination?.sameDocument !== false) callback();
        else afterSuccess ??= listen(navigation, 'navigatesuccess', () => {
          afterSuccess?.();
          afterSuccess = undefined;
          callback();
        });
      });
      return () => {
        stopNavigate();
        afterSuccess?.();
      };
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

// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncHub, installAutoCheck, LocalSyncCache, type SyncHub, getCacheInformation } from '../src/index.js';
import { createMemoryBus, createMemoryStore } from '../src/testing/index.js';
import { recordingLogger } from './helpers/tabs.js';

let hub: SyncHub;
let checks: ReturnType<typeof vi.spyOn>;
const cleanups: Array<() => void> = [];

beforeEach(() => {
  hub = createSyncHub({ store: createMemoryStore(), notifier: createMemoryBus().connect(), logger: recordingLogger() });
  checks = vi.spyOn(hub, 'checkAll');
});
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  hub.close();
  vi.useRealTimers();
});

function install(options: Parameters<typeof installAutoCheck>[0] = {}) {
  const remove = installAutoCheck({ hub, ...options });
  cleanups.push(remove);
  return remove;
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** happy-dom's PageTransitionEvent ignores `persisted` in its init dictionary, so set it by hand. */
function pageTransition(type: 'pageshow' | 'pagehide', persisted: boolean): void {
  const event = new Event(type);
  Object.defineProperty(event, 'persisted', { value: persisted });
  window.dispatchEvent(event);
}

function pageShow(persisted: boolean): void {
  pageTransition('pageshow', persisted);
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('installAutoCheck triggers', () => {
  it('checks when the page becomes visible, not when it is hidden', async () => {
    install();
    setVisibility('hidden');
    await flush();
    expect(checks).not.toHaveBeenCalled();
    setVisibility('visible');
    await flush();
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['resume', () => document.dispatchEvent(new Event('resume'))],
    ['online', () => window.dispatchEvent(new Event('online'))],
    ['pageshow', () => pageShow(false)],
    ['pushState', () => history.pushState({}, '', '/next')],
    ['replaceState', () => history.replaceState({}, '', '/same')],
    ['popstate', () => window.dispatchEvent(new PopStateEvent('popstate'))],
  ])('checks on %s', async (_name, fire) => {
    install();
    fire();
    await flush();
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('turns each trigger off on request', async () => {
    install({ visibility: false, resume: false, online: false, pageshow: false, navigation: false });
    setVisibility('visible');
    document.dispatchEvent(new Event('resume'));
    window.dispatchEvent(new Event('online'));
    pageShow(false);
    history.pushState({}, '', '/off');
    await flush();
    expect(checks).not.toHaveBeenCalled();
  });

  it('coalesces a burst of triggers into one store read', async () => {
    const store = createMemoryStore();
    const reads = vi.spyOn(store, 'read');
    const burstHub = createSyncHub({ store, notifier: createMemoryBus().connect(), logger: recordingLogger() });
    cleanups.push(() => burstHub.close());
    new LocalSyncCache('burst', { hub: burstHub });
    await burstHub.checkAll();
    reads.mockClear();
    install({ hub: burstHub });
    setVisibility('visible');
    pageShow(false);
    document.dispatchEvent(new Event('resume'));
    window.dispatchEvent(new Event('online'));
    await burstHub.checkAll();
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('checks on an interval when asked', async () => {
    vi.useFakeTimers();
    install({ interval: 1000 });
    for (let tick = 0; tick < 3; tick++) {
      vi.advanceTimersByTime(1000);
      await flush();
    }
    expect(checks).toHaveBeenCalledTimes(3);
  });

  it('uses the Navigation API where present instead of wrapping history', async () => {
    const navigation = new EventTarget();
    Object.assign(navigation, { currentEntry: {} });
    Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
    const pushState = history.pushState;
    try {
      install();
      expect(history.pushState).toBe(pushState);
      navigation.dispatchEvent(new Event('navigate'));
      await flush();
      expect(checks).toHaveBeenCalledTimes(1);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it('checks a navigation towards another document only once a router intercepted it and it succeeded', async () => {
    const navigation = new EventTarget();
    Object.assign(navigation, { currentEntry: {} });
    Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
    const navigate = (sameDocument: boolean) => navigation.dispatchEvent(Object.assign(new Event('navigate'), { destination: { sameDocument } }));
    try {
      install();
      navigate(false);
      await flush();
      // Leaving the document: no store read may be left open across an unload or a freeze.
      expect(checks).toHaveBeenCalledTimes(0);
      navigation.dispatchEvent(new Event('navigatesuccess'));
      await flush();
      expect(checks).toHaveBeenCalledTimes(1);
      navigation.dispatchEvent(new Event('navigatesuccess'));
      navigate(true);
      await flush();
      expect(checks).toHaveBeenCalledTimes(2);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it('removes every listener and wrapper it attached', async () => {
    const pushState = history.pushState;
    const replaceState = history.replaceState;
    const added: string[] = [];
    const removed: string[] = [];
    for (const target of [window, document]) {
      vi.spyOn(target, 'addEventListener').mockImplementation(function (this: EventTarget, type: string) { added.push(type); });
      vi.spyOn(target, 'removeEventListener').mockImplementation(function (this: EventTarget, type: string) { removed.push(type); });
    }
    const remove = installAutoCheck({ hub, interval: 50 });
    expect(history.pushState).not.toBe(pushState);
    remove();
    vi.restoreAllMocks();
    expect(removed.sort()).toEqual(added.sort());
    expect(added.length).toBeGreaterThanOrEqual(6);
    expect(history.pushState).toBe(pushState);
    expect(history.replaceState).toBe(replaceState);
  });

  it('does nothing after removal', async () => {
    checks = vi.spyOn(hub, 'checkAll');
    install()();
    setVisibility('visible');
    history.pushState({}, '', '/after');
    window.dispatchEvent(new Event('online'));
    await flush();
    expect(checks).not.toHaveBeenCalled();
  });

  it('validates its options', () => {
    expect(() => installAutoCheck({ hub, interval: -1 })).toThrow(/interval must be a number of milliseconds/);
    expect(() => installAutoCheck({ hub, visibility: 'yes' as never })).toThrow(/visibility must be true or false/);
  });
});

describe('back/forward cache', () => {
  it('empties the caches on a restore before the app\'s own pageshow listener reads them', async () => {
    const cache = new LocalSyncCache<string, string>('page-urls', { hub });
    cache.set('/about/', 'possibly stale');
    let seenByApp: string | undefined = 'not called';
    const appListener = () => {
      seenByApp = cache.get('/about/');
    };
    // The app registered its listener first; ours still runs before it (capture phase).
    window.addEventListener('pageshow', appListener);
    try {
      install();
      pageShow(true);
      expect(seenByApp).toBeUndefined();
      expect(getCacheInformation(hub)[0].precautionClears).toBe(1);
    } finally {
      window.removeEventListener('pageshow', appListener);
    }
  });

  it('empties the caches on pagehide into the cache, and counts one precaution for the pair', () => {
    const cache = new LocalSyncCache<string, string>('page-urls', { hub });
    cache.set('/about/', 'possibly stale');
    install();
    pageTransition('pagehide', true);
    expect(cache.size).toBe(0);
    pageShow(true);
    expect(getCacheInformation(hub)[0].precautionClears).toBe(1);
  });

  it('leaves the caches alone on a pagehide that does not enter the cache', () => {
    const cache = new LocalSyncCache<string, string>('page-urls', { hub });
    cache.set('/about/', 'kept');
    install();
    pageTransition('pagehide', false);
    expect(cache.get('/about/')).toBe('kept');
  });

  it('closes the default channel on pagehide into the cache and reopens it on restore', async () => {
    const closes = vi.fn();
    const RealChannel = globalThis.BroadcastChannel;
    class CountingChannel extends RealChannel {
      override close() {
        closes();
        super.close();
      }
    }
    vi.stubGlobal('BroadcastChannel', CountingChannel);
    const defaultChannelHub = createSyncHub({ store: createMemoryStore(), logger: recordingLogger() });
    try {
      new LocalSyncCache('ids', { hub: defaultChannelHub });
      cleanups.push(installAutoCheck({ hub: defaultChannelHub }));
      pageTransition('pagehide', true);
      expect(closes).toHaveBeenCalledTimes(1);
      pageShow(true);
      defaultChannelHub.close();
      expect(closes).toHaveBeenCalledTimes(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

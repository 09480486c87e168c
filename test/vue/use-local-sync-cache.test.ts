// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { computed, createApp, createSSRApp, defineComponent, effectScope, h, nextTick, watchEffect } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { LocalSyncCache } from '../../src/index.js';
import { useLocalSyncCache } from '../../src/vue/index.js';
import { createTabs, until } from '../helpers/tabs.js';
import { mount } from './mount.js';

function pageLink(cache: LocalSyncCache<number, string>, computeUrl: () => string) {
  return defineComponent({
    setup() {
      const urls = useLocalSyncCache(cache);
      const href = computed(() => {
        let url = urls.value.get(1);
        if (url === undefined) urls.value.set(1, (url = computeUrl()));
        return url;
      });
      return () => h('a', { id: 'link' }, href.value);
    },
  });
}

describe('useLocalSyncCache (Vue)', () => {
  it('recomputes when another tab clears the cache', async () => {
    const [tabA, tabB] = createTabs(2);
    const inA = new LocalSyncCache<number, string>('page-urls', { hub: tabA });
    const inB = new LocalSyncCache<number, string>('page-urls', { hub: tabB });
    await Promise.all([tabA.checkAll(), tabB.checkAll()]);
    let slug = 'about';
    const root = mount(pageLink(inB, () => `/${slug}/`));
    expect(root.textContent).toBe('/about/');

    slug = 'about-us';
    await inA.clear();
    await until(() => root.textContent === '/about-us/', 'the re-render');
    expect(inB.get(1)).toBe('/about-us/');
  });

  it('stops listening on unmount', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('page-urls', { hub });
    // Counts live listeners: a rendering stopped by unmount would hide a listener left behind.
    let listening = 0;
    const subscribe = cache.subscribe.bind(cache);
    vi.spyOn(cache, 'subscribe').mockImplementation((listener) => {
      const stop = subscribe(listener);
      listening += 1;
      return () => {
        listening -= 1;
        stop();
      };
    });
    const computeUrl = vi.fn(() => '/home/');
    const root = document.createElement('div');
    const app = createApp(pageLink(cache, computeUrl));
    app.mount(root);
    expect(listening).toBe(1);
    await cache.clear();
    await nextTick();
    expect(computeUrl).toHaveBeenCalledTimes(2);
    app.unmount();
    expect(listening).toBe(0);
  });

  it('works in a bare effectScope and stops with it', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('page-urls', { hub });
    const scope = effectScope();
    let runs = 0;
    scope.run(() => {
      const urls = useLocalSyncCache(cache);
      watchEffect(() => {
        void urls.value;
        runs += 1;
      }, { flush: 'sync' });
    });
    expect(runs).toBe(1);
    await cache.clear();
    expect(runs).toBe(2);
    scope.stop();
    await cache.clear();
    expect(runs).toBe(2);
  });

  it('renders on the server without listening', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('page-urls', { hub });
    const subscribe = vi.spyOn(cache, 'subscribe');
    const html = await renderToString(createSSRApp(pageLink(cache, () => '/ssr/')));
    expect(html).toBe('<a id="link">/ssr/</a>');
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('explains a call outside setup() and a missing cache', () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('page-urls', { hub });
    expect(() => useLocalSyncCache(cache)).toThrow(/inside a component's setup\(\)/);
    expect(() => effectScope().run(() => useLocalSyncCache(undefined as never))).toThrow(/needs a LocalSyncCache/);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createSSRApp, defineComponent, h, nextTick, ref, type Ref } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { LocalSyncCache } from '../../src/index.js';
import { useCachedValue } from '../../src/vue/index.js';
import { createTabs, until } from '../helpers/tabs.js';
import { mount } from './mount.js';

function userName(cache: LocalSyncCache<number, string>, id: Ref<number>, load: (id: number) => Promise<string>) {
  return defineComponent({
    setup() {
      const user = useCachedValue(cache, () => id.value, load);
      return () => h('span', { id: 'name' }, user.value.status === 'success' ? user.value.value : user.value.status === 'error' ? `error: ${String(user.value.error)}` : 'loading');
    },
  });
}

describe('useCachedValue (Vue)', () => {
  it('loads, stores, and loads again after another tab clears', async () => {
    const [tabA, tabB] = createTabs(2);
    const inA = new LocalSyncCache<number, string>('users', { hub: tabA });
    const inB = new LocalSyncCache<number, string>('users', { hub: tabB });
    await Promise.all([tabA.checkAll(), tabB.checkAll()]);
    let version = 1;
    const load = vi.fn(async (id: number) => `user ${id} v${version}`);
    const root = mount(userName(inB, ref(7), load));
    expect(root.textContent).toBe('loading');
    await until(() => root.textContent === 'user 7 v1', 'the first load');
    expect(inB.get(7)).toBe('user 7 v1');

    version = 2;
    await inA.clear();
    await until(() => root.textContent === 'user 7 v2', 'the reload');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('follows a reactive key and drops the result of the key it left', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('users', { hub });
    const pending = new Map<number, (value: string) => void>();
    const load = (id: number) => new Promise<string>((resolve) => pending.set(id, resolve));
    const id = ref(1);
    const root = mount(userName(cache, id, load));
    await nextTick();
    id.value = 2;
    await nextTick();
    pending.get(1)!('one');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(root.textContent).toBe('loading');
    pending.get(2)!('two');
    await until(() => root.textContent === 'two', 'the second key');
  });

  it('shows an error and does not cache it', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('users', { hub });
    const root = mount(userName(cache, ref(1), async () => Promise.reject(new Error('offline'))));
    await until(() => root.textContent === 'error: Error: offline', 'the error');
    expect(cache.has(1)).toBe(false);
  });

  it('renders the cached value or loading on the server, and loads nothing there', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('users', { hub });
    cache.set(1, 'cached one');
    const load = vi.fn(async () => 'loaded');
    expect(await renderToString(createSSRApp(userName(cache, ref(1), load)))).toBe('<span id="name">cached one</span>');
    expect(await renderToString(createSSRApp(userName(cache, ref(2), load)))).toBe('<span id="name">loading</span>');
    expect(load).not.toHaveBeenCalled();
  });

  it('explains a missing load function', () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('users', { hub });
    expect(() => useCachedValue(cache, 1, undefined as never)).toThrow(/needs a load function/);
  });
});

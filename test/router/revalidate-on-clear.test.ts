// @vitest-environment happy-dom
import { createMemoryHistory as createTanStackHistory, createRootRoute, createRoute, createRouter as createTanStackRouter } from '@tanstack/react-router';
import { createMemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter as createVueRouter } from 'vue-router';
import { checkCachesBeforeEach, checkCachesBeforeLoad, revalidateOnClear, withCacheCheck } from '../../src/router/index.js';
import { closeTabs, until } from '../helpers/tabs.js';
import { readerAndWriter } from './two-tabs.js';

afterEach(closeTabs);

describe('React Router', () => {
  async function app(hearing = false) {
    const tabs = await readerAndWriter({ hearing });
    const router = createMemoryRouter(
      [
        {
          id: 'root',
          path: '/',
          loader: withCacheCheck(() => tabs.load('layout'), { hub: tabs.reader }),
          children: [
            { id: 'a', path: 'a', loader: withCacheCheck(() => tabs.load('a'), { hub: tabs.reader }) },
            { id: 'b', path: 'b', loader: withCacheCheck(() => tabs.load('b'), { hub: tabs.reader }) },
          ],
        },
      ],
      { initialEntries: ['/a'] },
    );
    await until(() => router.state.initialized, 'the first load');
    const stop = revalidateOnClear(router, [tabs.cache]);
    return { ...tabs, router, stop };
  }

  it('a tab that missed the nudge navigates after a clear elsewhere: every loader fresh, each run once', async () => {
    const { router, runs, change, stop } = await app();
    expect(router.state.loaderData).toEqual({ root: 'layout@v1', a: 'a@v1' });
    await change();
    runs.length = 0;
    // navigate() settles when its first run is superseded; the restarted run settles later.
    await router.navigate('/b');
    await until(() => router.state.navigation.state === 'idle' && router.state.location.pathname === '/b', 'the navigation');
    expect(router.state.loaderData).toEqual({ root: 'layout@v2', b: 'b@v2' });
    // The layout's loader would not run on a plain child navigation: it runs because of revalidate().
    expect(runs.sort()).toEqual(['b', 'layout']);
    stop();
    router.dispose();
  });

  it('a live tab revalidates the page it shows when another tab clears', async () => {
    const { router, change, stop } = await app(true);
    await change();
    await until(() => router.state.loaderData.a === 'a@v2', 'the revalidation');
    expect(router.state.loaderData.root).toBe('layout@v2');
    stop();
    router.dispose();
  });

  it('stops revalidating once detached', async () => {
    const { router, change, stop, runs } = await app(true);
    stop();
    runs.length = 0;
    await change();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual([]);
    expect(router.state.loaderData.a).toBe('a@v1');
    router.dispose();
  });
});

describe('TanStack Router', () => {
  async function app() {
    const tabs = await readerAndWriter();
    const rootRoute = createRootRoute({ beforeLoad: checkCachesBeforeLoad({ hub: tabs.reader }) });
    const a = createRoute({ getParentRoute: () => rootRoute, path: '/a', loader: () => tabs.load('a') });
    const b = createRoute({ getParentRoute: () => rootRoute, path: '/b', loader: () => tabs.load('b') });
    const router = createTanStackRouter({
      routeTree: rootRoute.addChildren([a, b]),
      history: createTanStackHistory({ initialEntries: ['/a'] }),
      defaultPreload: 'intent',
    });
    await router.load();
    const stop = revalidateOnClear(router, [tabs.cache]);
    return { ...tabs, router, stop };
  }
  const dataOf = (router: { state: { matches: Array<{ routeId: string; loaderData?: unknown }> } }, routeId: string) =>
    router.state.matches.find((match) => match.routeId === routeId)?.loaderData;

  it('a link preloaded before a clear elsewhere shows fresh data when clicked, its loader run once more', async () => {
    const { router, runs, change, stop } = await app();
    await router.preloadRoute({ to: '/b' });
    expect(runs).toContain('b');
    await change();
    runs.length = 0;
    await router.navigate({ to: '/b' });
    await until(() => router.state.status === 'idle' && !router.state.isLoading, 'the navigation');
    expect(dataOf(router, '/b')).toBe('b@v2');
    expect(runs.filter((name) => name === 'b')).toEqual(['b']);
    stop();
  });
});

describe('Vue Router', () => {
  const Page = { template: '<div />' };
  async function app(hearing = false) {
    const tabs = await readerAndWriter({ hearing });
    const router = createVueRouter({ history: createMemoryHistory(), routes: [{ path: '/a', component: Page }, { path: '/b', component: Page }] });
    const shown = new Map<string, string>();
    router.beforeEach(checkCachesBeforeEach({ hub: tabs.reader }));
    // The documented place to fetch a route's data in Vue Router.
    router.beforeResolve((to) => {
      shown.set(to.path, tabs.load(to.path));
    });
    await router.push('/a');
    const stop = revalidateOnClear(router, [tabs.cache]);
    return { ...tabs, router, shown, stop };
  }

  it('a tab that missed the nudge navigates after a clear elsewhere: fresh data, loaded once', async () => {
    const { router, runs, change, shown, stop } = await app();
    runs.length = 0;
    await change();
    await router.push('/b');
    expect(shown.get('/b')).toBe('/b@v2');
    expect(runs).toEqual(['/b']);
    stop();
  });

  it('a clear heard while a navigation loads its data re-runs the route once that navigation ends', async () => {
    const { router, change, shown, stop, cache } = await app(true);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Holds the navigation in its data phase, after the guard's check, until the clear has landed.
    let holding = true;
    router.beforeResolve(async (to) => {
      if (to.path !== '/b' || !holding) return;
      holding = false;
      await held;
    });
    const navigation = router.push('/b');
    await until(() => shown.get('/b') !== undefined, 'the data guard of /b');
    expect(shown.get('/b')).toBe('/b@v1');
    await change();
    await until(() => cache.size === 0, 'the nudge');
    release();
    expect(await navigation).toBeUndefined();
    expect(router.currentRoute.value.path).toBe('/b');
    await until(() => shown.get('/b') === '/b@v2', 'the re-run after the navigation');
    stop();
  });

  it('a live tab re-runs the current route when another tab clears', async () => {
    const { router, change, shown, stop } = await app(true);
    expect(shown.get('/a')).toBe('/a@v1');
    await change();
    await until(() => shown.get('/a') === '/a@v2', 'the re-run');
    expect(router.currentRoute.value.path).toBe('/a');
    stop();
  });
});

it('names the routers it knows when given something else', () => {
  expect(() => revalidateOnClear({} as never, [])).toThrow(/React Router data router.*TanStack router.*Vue router/);
});

it('asks for the caches when given none', async () => {
  const { cache } = await readerAndWriter();
  expect(() => revalidateOnClear({ revalidate() {} }, [] as never)).toThrow(/needs the LocalSyncCache instances/);
  expect(() => revalidateOnClear({ revalidate() {} }, cache as never)).toThrow(/e\.g\. \[pageUrls, users\]/);
});

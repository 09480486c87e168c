// A TanStack Router app with `defaultPreload: 'intent'` (hovering a link runs its loader, and the
// result is reused for 30 s), checkCachesBeforeLoad() on the root route and revalidateOnClear(),
// as the README shows. See shared/bridges-app.ts for the data.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashHistory, createRootRoute, createRoute, createRouter, Link, Outlet, RouterProvider } from '@tanstack/react-router';
import { checkCachesBeforeLoad, revalidateOnClear } from 'local-sync-cache/router';
import { createBridgesApp } from './shared/bridges-app';

let router: { state: { status: string; isLoading: boolean } };
const app = createBridgesApp(() => router.state.status === 'idle' && !router.state.isLoading);

const rootRoute = createRootRoute({
  beforeLoad: checkCachesBeforeLoad({ hub: app.hub }),
  component: () => h('div', null, h('nav', null, h(Link, { id: 'to-a', to: '/a' }, 'a'), ' ', h(Link, { id: 'to-b', to: '/b' }, 'b')), h(Outlet)),
});
const leaf = (path: '/a' | '/b') => {
  const route = createRoute({
    getParentRoute: () => rootRoute,
    path,
    loader: () => app.load(path.slice(1)),
    component: () => h('main', { id: 'data' }, route.useLoaderData() as unknown as string),
  });
  return route;
};
const tanstackRouter = createRouter({
  routeTree: rootRoute.addChildren([leaf('/a'), leaf('/b')]),
  history: createHashHistory(),
  defaultPreload: 'intent',
  // No delay: the test hovers, then waits for the preload's loader run it can see.
  defaultPreloadDelay: 0,
});
router = tanstackRouter;
revalidateOnClear(tanstackRouter, [app.cache]);
createRoot(document.getElementById('root')!).render(h(RouterProvider, { router: tanstackRouter }));

// A React Router 7 app on a data router (createBrowserRouter): a root layout and two child
// routes, every loader wrapped in withCacheCheck() and the router wired with
// revalidateOnClear(), as the README shows. See shared/bridges-app.ts for the data.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Link, Outlet, redirect, RouterProvider, useLoaderData } from 'react-router';
import { revalidateOnClear, withCacheCheck } from 'local-sync-cache/router';
import { createBridgesApp } from './shared/bridges-app';

let router: ReturnType<typeof createBrowserRouter>;
const app = createBridgesApp(() => router.state.navigation.state === 'idle' && router.state.revalidation === 'idle');
const options = { hub: app.hub };

function Layout() {
  const layout = useLoaderData() as string;
  return h('div', null, h('nav', null, h(Link, { id: 'to-a', to: '/a' }, 'a'), ' ', h(Link, { id: 'to-b', to: '/b' }, 'b')), h('p', { id: 'layout' }, layout), h(Outlet));
}

function Leaf() {
  return h('main', { id: 'data' }, useLoaderData() as string);
}

router = createBrowserRouter(
  [
    {
      id: 'root',
      path: '/',
      loader: withCacheCheck(() => app.load('layout'), options),
      Component: Layout,
      children: [
        // The suite server serves files only, and only the .html file exists: the page opens at the basename and moves on client-side.
        { index: true, loader: () => redirect(`/a${location.search}`) },
        { id: 'a', path: 'a', loader: withCacheCheck(() => app.load('a'), options), Component: Leaf },
        { id: 'b', path: 'b', loader: withCacheCheck(() => app.load('b'), options), Component: Leaf },
      ],
    },
  ],
  { basename: '/e2e/pages/bridges-react-router.html' },
);
revalidateOnClear(router, [app.cache]);
createRoot(document.getElementById('root')!).render(h(RouterProvider, { router }));

// @vitest-environment happy-dom
import { createMemoryHistory, createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { afterEach, expect, it } from 'vitest';
import { checkCachesBeforeLoad } from '../../src/router/index.js';
import { closeTabs } from '../helpers/tabs.js';
import { staleReaderAfterForeignClear } from './deaf-tab.js';

afterEach(closeTabs);

it('checks the caches in the root beforeLoad of TanStack Router', async () => {
  const { reader, cache } = await staleReaderAfterForeignClear();
  const rootRoute = createRootRoute({ beforeLoad: checkCachesBeforeLoad({ hub: reader }) });
  const home = createRoute({ getParentRoute: () => rootRoute, path: '/' });
  const about = createRoute({ getParentRoute: () => rootRoute, path: '/about', loader: () => ({ cached: cache.get('/about/') ?? null }) });
  const router = createRouter({ routeTree: rootRoute.addChildren([home, about]), history: createMemoryHistory({ initialEntries: ['/'] }) });
  await router.load();
  await router.navigate({ to: '/about' });
  expect(router.state.location.pathname).toBe('/about');
  expect(router.state.matches.find((match) => match.routeId === '/about')?.loaderData).toEqual({ cached: null });
});

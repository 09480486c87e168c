// @vitest-environment happy-dom
import { createMemoryRouter } from 'react-router';
import { afterEach, expect, it } from 'vitest';
import { cacheCheckMiddleware, withCacheCheck } from '../../src/router/index.js';
import { closeTabs } from '../helpers/tabs.js';
import { staleReaderAfterForeignClear } from './deaf-tab.js';

afterEach(closeTabs);

it('checks the caches before a wrapped React Router loader reads them', async () => {
  const { reader, cache } = await staleReaderAfterForeignClear();
  const router = createMemoryRouter(
    [
      { path: '/', loader: () => null },
      { path: '/about', loader: withCacheCheck(() => ({ cached: cache.get('/about/') ?? null }), { hub: reader }) },
    ],
    { initialEntries: ['/'] },
  );
  await router.navigate('/about');
  expect(router.state.location.pathname).toBe('/about');
  expect(router.state.loaderData['1']).toEqual({ cached: null });
  router.dispose();
});

it('checks the caches in a root middleware before any loader runs', async () => {
  const { reader, cache } = await staleReaderAfterForeignClear();
  const router = createMemoryRouter(
    [
      {
        id: 'root',
        path: '/',
        middleware: [cacheCheckMiddleware({ hub: reader })],
        children: [
          { index: true, loader: () => null },
          { id: 'about', path: 'about', loader: () => ({ cached: cache.get('/about/') ?? null }) },
        ],
      },
    ] as Parameters<typeof createMemoryRouter>[0],
    { initialEntries: ['/'], future: { v8_middleware: true } } as Parameters<typeof createMemoryRouter>[1],
  );
  await router.navigate('/about');
  expect(router.state.location.pathname).toBe('/about');
  expect(router.state.loaderData.about).toEqual({ cached: null });
  router.dispose();
});

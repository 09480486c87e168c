import { afterEach, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { checkCachesBeforeEach } from '../../src/router/index.js';
import { closeTabs } from '../helpers/tabs.js';
import { staleReaderAfterForeignClear } from './deaf-tab.js';

afterEach(closeTabs);

const Page = { template: '<div />' };

it('checks the caches before each Vue Router navigation and lets it proceed', async () => {
  const { reader, cache } = await staleReaderAfterForeignClear();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: Page }, { path: '/about', component: Page }] });
  router.beforeEach(checkCachesBeforeEach({ hub: reader }));
  let seenOnArrival: string | undefined = 'not called';
  router.afterEach(() => {
    seenOnArrival = cache.get('/about/');
  });
  await router.push('/');

  const failure = await router.push('/about');
  expect(failure).toBeUndefined();
  expect(router.currentRoute.value.path).toBe('/about');
  expect(seenOnArrival).toBeUndefined();
});

it('never cancels a navigation, even on a closed hub', async () => {
  const { reader } = await staleReaderAfterForeignClear();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: Page }, { path: '/b', component: Page }] });
  router.beforeEach(checkCachesBeforeEach({ hub: reader }));
  reader.close();
  await router.push('/');
  expect(await router.push('/b')).toBeUndefined();
  expect(router.currentRoute.value.path).toBe('/b');
});

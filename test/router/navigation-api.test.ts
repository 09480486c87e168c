import { afterEach, expect, it, vi } from 'vitest';
import { checkCachesBefore } from '../../src/router/index.js';
import { closeTabs } from '../helpers/tabs.js';
import { staleReaderAfterForeignClear } from './deaf-tab.js';

afterEach(closeTabs);

// Node has no Navigation API: this covers the wrapper's contract; e2e covers Chromium's.
it('runs the intercept handler after the check, with its result', async () => {
  const { reader, cache } = await staleReaderAfterForeignClear();
  const render = vi.fn(() => cache.get('/about/') ?? 'recomputed');
  const handler = checkCachesBefore(render, { hub: reader });
  await expect(handler()).resolves.toBe('recomputed');
  expect(render).toHaveBeenCalledTimes(1);
});

it('explains a missing handler', () => {
  expect(() => checkCachesBefore(undefined as never)).toThrow(/needs the navigation handler/);
});

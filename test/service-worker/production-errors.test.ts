// Production builds of the service-worker entry keep its errors with their codes alone and skip
// option validation, as the main entry does (test/production-errors.test.ts). `__DEV__` is
// compiled here as in the default build, so stubbing NODE_ENV switches between the two.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncHub, type SyncHub } from '../../src/index.js';
import { createMemoryBus, createMemoryStore } from '../../src/testing/index.js';
import { bindCacheStorage, checkOnFetch, createFetchCheck } from '../../src/service-worker/index.js';
import { createMemoryCacheStorage } from './helpers/memory-cache-storage.js';

const coded = (code: string): string => `local-sync-cache: ${code} (see "Errors" in the README)`;
const hubs: SyncHub[] = [];
const memoryHub = (): SyncHub => {
  const hub = createSyncHub({ store: createMemoryStore(), notifier: createMemoryBus().connect() });
  hubs.push(hub);
  return hub;
};

afterEach(() => {
  vi.unstubAllEnvs();
  hubs.splice(0).forEach((hub) => hub.close());
});

describe('service-worker errors in production (NODE_ENV=production)', () => {
  it('throws the same errors with the code alone', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const hub = memoryHub();
    const { caches } = createMemoryCacheStorage();
    expect(() => bindCacheStorage('api', { cacheName: 'api-v1', hub })).toThrow(new Error(coded('no-cache-storage')));
    const binding = bindCacheStorage('api', { cacheName: 'api-v1', hub, caches });
    expect(() => bindCacheStorage('other', { cacheName: 'api-v1', hub, caches })).toThrow(new Error(coded('cache-already-bound')));
    binding.dispose();
    expect(() => binding.match('http://localhost/a')).toThrow(new Error(coded('binding-disposed')));
    expect(() => checkOnFetch({ hub })).toThrow(new TypeError(coded('no-worker-scope')));

    const errors: unknown[] = [];
    const plugin = bindCacheStorage('api', { cacheName: 'api-v2', hub, caches, onError: (error) => errors.push(error) }).workboxPlugin();
    const run = { request: new Request('http://localhost/a'), state: {} };
    await plugin.handlerWillStart(run);
    expect(await plugin.cachedResponseWillBeUsed({ ...run, cacheName: 'other', cachedResponse: new Response('x') })).toBeNull();
    expect(errors).toEqual([new Error(coded('workbox-cache-name'))]);
  });

  it('rejects a fetch check on a closed hub with the hub\'s own code', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const hub = memoryHub();
    const check = createFetchCheck({ hub, interval: 0 });
    hub.close();
    await expect(check.check()).rejects.toThrow(new Error(coded('hub-closed')));
  });

  it('skips option validation', () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(createFetchCheck({ hub: memoryHub(), interval: -1 }).interval).toBe(-1);
  });
});

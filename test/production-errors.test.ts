// Production builds keep the errors but drop their teaching prose and the option validation
// (src/errors.ts, scripts/dev-flag.mjs). `__DEV__` is compiled here as in the default build, so
// stubbing NODE_ENV switches between the two at run time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncHub, installAutoCheck, LocalSyncCache, type SyncHub } from '../src/index.js';
import { createMemoryBus, createMemoryStore } from '../src/testing/index.js';
import { connectRemote } from '../src/remote/index.js';

const memoryHub = (): SyncHub => createSyncHub({ store: createMemoryStore(), notifier: createMemoryBus().connect() });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('in development (NODE_ENV is not "production")', () => {
  it('explains the problem and the fix, and ends with the code', () => {
    const hub = memoryHub();
    expect(() => new LocalSyncCache('', { hub })).toThrow(/the id must be a non-empty string.*e\.g\. new LocalSyncCache\('page-urls'\)\. \[local-sync-cache: bad-id\]$/);
    new LocalSyncCache('urls', { hub });
    expect(() => new LocalSyncCache('urls', { hub })).toThrow(/already used in this realm \(ids in use: "urls"\).*\[local-sync-cache: duplicate-id\]$/);
    hub.close();
    expect(() => hub.checkAll()).toThrow(/checkAll\(\) was called after hub\.close\(\).*\[local-sync-cache: hub-closed\]$/);
  });

  it('validates options', () => {
    expect(() => createSyncHub({ storeTimeout: -1 })).toThrow(/storeTimeout must be a positive number/);
    expect(() => installAutoCheck({ interval: 'often' as never })).toThrow(/interval must be a number/);
    expect(() => connectRemote({ url: '/clears', staleAfter: -1, EventSource: undefined })).toThrow(/staleAfter must be a non-negative number of ms/);
    expect(() => connectRemote({} as never)).toThrow(/url must be the SSE endpoint.*\[local-sync-cache: remote-url\]$/);
  });
});

describe('in production (NODE_ENV=production)', () => {
  it('throws the same errors with the code alone', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const hub = memoryHub();
    expect(() => new LocalSyncCache('', { hub })).toThrow(new TypeError('local-sync-cache: bad-id (see "Errors" in the README)'));
    const cache = new LocalSyncCache('urls', { hub });
    expect(() => new LocalSyncCache('urls', { hub })).toThrow(new Error('local-sync-cache: duplicate-id (see "Errors" in the README)'));
    cache.dispose();
    expect(() => cache.checkState()).toThrow(new Error('local-sync-cache: cache-disposed (see "Errors" in the README)'));
    hub.close();
    expect(() => hub.checkAll()).toThrow(new Error('local-sync-cache: hub-closed (see "Errors" in the README)'));
  });

  it('skips option validation', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const hub = createSyncHub({ storeTimeout: -1, store: createMemoryStore(), notifier: createMemoryBus().connect() });
    expect(hub.closed).toBe(false);
    // No EventSource in this runtime: connectRemote() only warns, with the code alone.
    vi.stubGlobal('EventSource', undefined);
    const logger = { warn: vi.fn() };
    connectRemote({ url: '/clears', hub, staleAfter: -1, logger }).close();
    expect(logger.warn).toHaveBeenCalledWith('local-sync-cache: no-event-source (see "Errors" in the README)');
    expect(() => connectRemote({} as never)).toThrow(new TypeError('local-sync-cache: remote-url (see "Errors" in the README)'));
    hub.close();
  });
});

// The remote client against the real server feed (embedded stream, node:http) and the npm
// eventsource client; hubs stand for tabs (fake IndexedDB, Node's BroadcastChannel) and a memory
// twin of Web Locks elects the leader. Browser behaviour (real locks, page lifecycle) is for e2e.
import { createServer, type Server } from 'node:http';
import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncHub, LocalSyncCache, type SyncHub, getCacheInformation } from '../../src/index.js';
import { createMemoryBus } from '../../src/testing/index.js';
import { connectRemote, createHubCore, type ConnectRemoteOptions, type RemoteConnection, type RemoteCore } from '../../src/remote/index.js';
import { createClearFeed, type ClearFeed, type ClearFeedOptions } from '../../src/server/index.js';
import { closeTabs, createTabs, until } from '../helpers/tabs.js';
import { createMemoryLocks } from './memory-locks.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  closeTabs();
});

async function startServer(options: ClearFeedOptions = {}): Promise<{ feed: ClearFeed; url: string }> {
  const feed = createClearFeed({ heartbeat: 0, retry: 50, retryJitter: 10, ...options });
  const server: Server = createServer((req, res) => void feed.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await feed.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { feed, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/clears` };
}

/**
 * The Node client as the browser's EventSource, and a realm that starts with its test (dataAge 0):
 * a first connection replays nothing published before it.
 */
const FRESH_TAB = { EventSource: EventSource as unknown as typeof globalThis.EventSource, dataAge: () => 0 };

/** Tabs with a `page-urls` cache each, filled, and a remote connection each. */
function openTabs(count: number, url: string, locks: LockManager | null, namespace?: string) {
  const hubs = createTabs(count, { namespace });
  const tabs = hubs.map((hub: SyncHub) => {
    const cache = new LocalSyncCache<string, string>('page-urls', { hub });
    cache.set('/', 'home');
    const logger = { warn: vi.fn() };
    const remote = connectRemote({ url, hub, locks, ...FRESH_TAB, logger });
    cleanups.push(() => remote.close());
    return { hub, cache, remote, logger };
  });
  return tabs;
}

const leaders = (tabs: Array<{ remote: RemoteConnection }>) => tabs.filter((tab) => tab.remote.leader);

describe('connectRemote()', () => {
  it('elects one leader among three tabs: exactly one SSE connection', async () => {
    const { feed, url } = await startServer();
    const tabs = openTabs(3, url, createMemoryLocks());
    await until(() => feed.statistics().connections === 1, 'one connection');
    expect(leaders(tabs)).toHaveLength(1);
  });

  it('connects every tab where Web Locks are missing', async () => {
    const { feed, url } = await startServer();
    openTabs(3, url, null);
    await until(() => feed.statistics().connections === 3, 'three connections');
  });

  it('applies a server clear in every tab: the leader empties and nudges, the others hear it', async () => {
    const { feed, url } = await startServer();
    const tabs = openTabs(3, url, createMemoryLocks());
    await until(() => feed.statistics().connections === 1, 'connected');
    await until(() => leaders(tabs)[0]?.remote.diagnostics.opened === 1, 'opened');
    // The leader's `ready` may still be in flight; a clear published now still reaches it.
    await feed.publish({ ids: ['page-urls'] });
    await until(() => tabs.every((tab) => tab.cache.size === 0), 'every tab emptied');
    // Counted once the cursor is saved too, which follows the emptying.
    await until(() => leaders(tabs)[0].remote.diagnostics.clears === 1, 'one clear applied');
  });

  it('reaches a tab that missed the nudge at its next check, through the bumped marker', async () => {
    const { feed, url } = await startServer();
    const [leaderHub] = createTabs(1);
    // The sleeping tab shares the store (same namespace, fake IndexedDB) but hears no nudge at all.
    const sleeping = createSyncHub({ namespace: leaderHub.namespace, notifier: createMemoryBus().connect() });
    cleanups.push(() => sleeping.close());
    const sleepingCache = new LocalSyncCache<string, string>('page-urls', { hub: sleeping });
    await sleeping.checkAll(); // its first read is done: from now on only a new marker empties it
    sleepingCache.set('/', 'home');
    const remote = connectRemote({ url, hub: leaderHub, locks: null, ...FRESH_TAB });
    cleanups.push(() => remote.close());
    await until(() => feed.statistics().connections === 1, 'connected');
    await feed.publish({ ids: ['page-urls'] });
    await until(() => remote.diagnostics.clears === 1, 'applied by the leader');
    expect(sleepingCache.size).toBe(1); // no nudge reached it
    expect((await sleeping.checkAll()).emptied).toEqual(['page-urls']);
    expect(sleepingCache.size).toBe(0);
  });

  it('hands over when the leader closes, and the next leader misses nothing published meanwhile', async () => {
    const { feed, url } = await startServer();
    const tabs = openTabs(3, url, createMemoryLocks());
    await until(() => feed.statistics().connections === 1, 'connected');
    const first = leaders(tabs)[0];
    await feed.publish({ ids: ['other'] });
    await until(() => first.remote.diagnostics.clears === 1, 'first clear applied');
    first.remote.close();
    await feed.publish({ ids: ['page-urls'] }); // published while nobody leads
    await until(() => leaders(tabs).length === 1, 'a new leader');
    const rest = tabs.filter((tab) => tab !== first);
    await until(() => rest.every((tab) => tab.cache.size === 0), 'the remaining tabs emptied');
    await until(() => leaders(tabs)[0].remote.diagnostics.clears === 1, 'the new leader applied it');
    // Resumed from the saved cursor: the clear applied before the handover is not applied again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leaders(tabs)[0].remote.diagnostics.clears).toBe(1);
  });

  it('empties every cache on reset (a cursor the server no longer holds)', async () => {
    const { feed, url } = await startServer({ stream: (await import('../../src/server/index.js')).createMemoryStream({ maxLength: 1 }) });
    const tabs = openTabs(1, url, createMemoryLocks());
    await until(() => tabs[0].remote.diagnostics.opened === 1 && feed.statistics().connections === 1, 'connected');
    await feed.publish({ ids: ['unrelated'] });
    await until(() => tabs[0].remote.diagnostics.clears === 1, 'applied');
    tabs[0].remote.close();
    await feed.publish({ ids: ['x'] });
    await feed.publish({ ids: ['y'] }); // the saved cursor is trimmed now
    tabs[0].cache.set('/', 'home');
    const again = connectRemote({ url, hub: tabs[0].hub, locks: null, ...FRESH_TAB });
    cleanups.push(() => again.close());
    await until(() => again.diagnostics.resets === 1, 'reset');
    await until(() => tabs[0].cache.size === 0, 'emptied');
  });

  it('saves the cursor with the markers, in one store transaction', async () => {
    const { feed, url } = await startServer();
    const tabs = openTabs(1, url, null);
    await until(() => feed.statistics().connections === 1, 'connected');
    const published = await feed.publish({ ids: ['page-urls'] });
    await until(() => tabs[0].remote.diagnostics.clears === 1, 'applied');
    await expect(tabs[0].hub.readExtra('remote-cursor')).resolves.toBe(published);
    await expect(createHubCore({ hub: tabs[0].hub }).readCursor()).resolves.toBe(published);
  });

  it('reset empties caches of ids only other tabs have, and a tab that missed the nudge at its next check', async () => {
    const { feed, url } = await startServer({ stream: (await import('../../src/server/index.js')).createMemoryStream({ maxLength: 1 }) });
    const [leaderHub, otherHub] = createTabs(2);
    const onlyOther = new LocalSyncCache<string, string>('only-other', { hub: otherHub });
    onlyOther.set('a', '1');
    // Shares the store (same namespace, fake IndexedDB) but hears no nudge at all.
    const sleeping = createSyncHub({ namespace: leaderHub.namespace, notifier: createMemoryBus().connect() });
    cleanups.push(() => sleeping.close());
    const sleepingCache = new LocalSyncCache<string, string>('only-sleeping', { hub: sleeping });
    await sleeping.checkAll();
    sleepingCache.set('a', '1');
    const options = { hub: leaderHub, locks: null, ...FRESH_TAB };
    const first = connectRemote({ url, ...options });
    await until(() => feed.statistics().connections === 1, 'connected');
    await feed.publish({ ids: ['unrelated'] });
    await until(() => first.diagnostics.clears === 1, 'applied');
    first.close();
    await feed.publish({ ids: ['x'] });
    await feed.publish({ ids: ['y'] }); // the saved cursor is trimmed now
    const again = connectRemote({ url, ...options });
    cleanups.push(() => again.close());
    await until(() => again.diagnostics.resets === 1, 'reset');
    await until(() => onlyOther.size === 0, 'the other tab emptied by the nudge');
    expect(getCacheInformation(otherHub)[0]).toMatchObject({ id: 'only-other', precautionClears: 1 });
    expect(sleepingCache.size).toBe(1);
    expect((await sleeping.checkAll()).emptied).toEqual(['only-sleeping']);
    expect(sleepingCache.size).toBe(0);
  });

  it('resumes from the saved cursor when applying fails: the failed clear is applied again, never skipped', async () => {
    const { feed, url } = await startServer();
    const hub = createTabs(1)[0];
    const real = createHubCore({ hub });
    const applied: string[][] = [];
    let failures = 1;
    const core: RemoteCore = {
      ...real,
      async applyRemoteClear(ids, cursor) {
        if (failures > 0) {
          failures -= 1;
          throw new Error('store failed');
        }
        applied.push([...ids]);
        await real.applyRemoteClear(ids, cursor);
      },
    };
    const errors: unknown[] = [];
    const remote = connectRemote({ url, hub, core, locks: null, ...FRESH_TAB, reconnectDelay: 5, onError: (error) => errors.push(error) });
    cleanups.push(() => remote.close());
    await until(() => feed.statistics().connections === 1, 'connected');
    await feed.publish({ ids: ['first'] });
    await feed.publish({ ids: ['second'] });
    await until(() => applied.length === 2, 'both applied after the reconnection');
    expect(applied).toEqual([['first'], ['second']]);
    expect(errors).toHaveLength(1);
    expect(remote.diagnostics.opened).toBe(2);
  });

  it('ignores and counts malformed events', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('id: 1-0\nevent: clear\ndata: not json\n\n');
      res.write('id: 2-0\nevent: clear\ndata: {"ids":[]}\n\n');
      res.write('id: banana\nevent: clear\ndata: {"ids":["page-urls"]}\n\n');
      res.write('event: ready\ndata: {"cursor":"x"}\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const tabs = openTabs(1, `http://127.0.0.1:${(server.address() as { port: number }).port}/`, null);
    await until(() => tabs[0].remote.diagnostics.malformedEvents === 4, 'four malformed events');
    expect(tabs[0].cache.size).toBe(1);
  });

  it('warns once when the server cannot be reached', async () => {
    const { url } = await startServer();
    const unreachable = url.replace(/:\d+\//, ':9/'); // port 9 (discard): refused on loopback
    const tabs = openTabs(1, unreachable, null);
    await until(() => tabs[0].logger.warn.mock.calls.length === 1, 'one warning');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tabs[0].logger.warn).toHaveBeenCalledTimes(1);
    expect(String(tabs[0].logger.warn.mock.calls[0][0])).toMatch(/cannot reach .*clears between tabs of this browser keep working/);
  });

  it('keeps reconnecting with backoff to a server that answers with an error, and warns once', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const hub = createTabs(1)[0];
    const logger = { warn: vi.fn() };
    const remote = connectRemote({
      url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
      hub,
      locks: null,
      ...FRESH_TAB,
      logger,
      reconnectDelay: 5,
      maxReconnectDelay: 20,
    });
    cleanups.push(() => remote.close());
    await until(() => requests >= 4, 'four attempts');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(remote.diagnostics.opened).toBeGreaterThanOrEqual(4);
  });

  it("replays a clear published before the browser's first connection, within the page's data age", async () => {
    let clock = Date.now();
    // A feed whose stream has run for a minute: it can vouch for the window a page asks about.
    const { feed, url } = await startServer({ stream: (await import('../../src/server/index.js')).createMemoryStream({ now: () => clock }) });
    clock += 60_000;
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<string, string>('page-urls', { hub });
    cache.set('/', 'home');
    const published = await feed.publish({ ids: ['page-urls'] });
    clock += 2_000;
    const remote = connectRemote({ url, hub, locks: null, EventSource: EventSource as unknown as typeof globalThis.EventSource, dataAge: () => 5_000 });
    cleanups.push(() => remote.close());
    await until(() => remote.diagnostics.clears === 1, 'the clear replayed');
    expect([cache.size, remote.diagnostics.resets]).toEqual([0, 0]);
    await expect(createHubCore({ hub }).readCursor()).resolves.toBe(published);
  });

  it('asks a fresh age when a first connection ends before ready, rather than let EventSource retry with a stale one', async () => {
    const { feed } = await startServer();
    const targets: string[] = [];
    // The first request is answered as the feed answers while its Redis is down: 200, retry, end.
    const server: Server = createServer((req, res) => {
      targets.push(req.url ?? '');
      if (targets.length === 1) return void res.writeHead(200, { 'Content-Type': 'text/event-stream' }).end('retry: 10\n\n');
      void feed.handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    let asked = 0;
    const [hub] = createTabs(1);
    const remote = connectRemote({
      url: `http://127.0.0.1:${(server.address() as { port: number }).port}/clears`,
      hub,
      locks: null,
      EventSource: EventSource as unknown as typeof globalThis.EventSource,
      dataAge: () => (asked += 1) * 1_000,
      reconnectDelay: 5,
    });
    cleanups.push(() => remote.close());
    await until(() => targets.length === 2, 'reconnected');
    expect(targets).toEqual(['/clears?age=1000', '/clears?age=2000']);
    expect(remote.diagnostics.opened).toBe(2);
  });

  it('asks for the data age only without a saved cursor: by default the page age plus the first-read slack', async () => {
    const urls: string[] = [];
    class RecordingEventSource {
      readyState = 0;
      constructor(target: string) {
        urls.push(target);
      }
      addEventListener(): void {}
      close(): void {}
    }
    const [hub] = createTabs(1);
    const options = { hub, locks: null, EventSource: RecordingEventSource as unknown as typeof globalThis.EventSource };
    /** The URL of the EventSource that connectRemote() opens with `extra` options. */
    const opened = async (extra: Partial<ConnectRemoteOptions>) => {
      const count = urls.length;
      const remote = connectRemote({ url: '/clears', ...options, ...extra });
      await until(() => urls.length > count, 'connected');
      remote.close();
      return urls[count];
    };
    const before = performance.now();
    const age = Number(new URL(await opened({}), 'http://x').searchParams.get('age'));
    const after = performance.now();
    expect(age).toBeGreaterThanOrEqual(Math.floor(before) + 1_000);
    expect(age).toBeLessThanOrEqual(Math.ceil(after) + 1_000 + 50); // the wall clock may read a few ms ahead
    // A machine that slept: performance.now() stood still, the wall clock since the same origin did not.
    const now = vi.spyOn(performance, 'now').mockReturnValue(5);
    const wall = vi.spyOn(Date, 'now').mockReturnValue(performance.timeOrigin + 60_000);
    try {
      expect(await opened({})).toBe('/clears?age=61000');
    } finally {
      now.mockRestore();
      wall.mockRestore();
    }
    expect(await opened({ url: '/clears?app=shop', dataAge: () => 1234.2 })).toBe('/clears?app=shop&age=1235');
    // An age that cannot be told asks for everything, which the feed answers with a reset.
    expect(await opened({ dataAge: () => Number.NaN })).toBe('/clears?age=999999999999');
    expect(await opened({ dataAge: () => Number.NEGATIVE_INFINITY })).toBe('/clears?age=999999999999');
    expect(await opened({ dataAge: () => -5 })).toBe('/clears?age=0');
    await createHubCore({ hub }).saveCursor('17-3');
    expect(await opened({ dataAge: () => 1234 })).toBe('/clears?lastEventID=17-3');
    expect(() => connectRemote({ url: '/clears', ...options, dataAge: 5_000 as never })).toThrow(/dataAge must be a function returning ms, e\.g\. \{ dataAge: \(\) => Date\.now\(\) - savedAt \}/);
  });

  it('caughtUp(): the leader once it applied the backlog and ready, another tab once the leader says so', async () => {
    const { feed, url } = await startServer();
    const locks = createMemoryLocks();
    const [first] = openTabs(1, url, locks);
    await until(() => feed.statistics().connections === 1, 'connected');
    await expect(first.remote.caughtUp(5_000)).resolves.toBe(true);
    first.remote.close();
    // Published while no tab of this browser is connected.
    await feed.publish({ ids: ['page-urls'] });
    await feed.publish({ ids: ['other'] });
    // The same browser profile opened again: the same namespace, the cursor saved by the first tab.
    const [leader, follower] = openTabs(2, url, locks, first.hub.namespace);
    // Asked before anything connected; both answers come only once both clears are applied.
    const answers = [leader, follower].map((tab) => tab.remote.caughtUp(5_000).then((caughtUp) => [caughtUp, leader.remote.diagnostics.clears]));
    await expect(Promise.all(answers)).resolves.toEqual([
      [true, 2],
      [true, 2],
    ]);
    expect([leader.remote.leader, follower.remote.leader]).toEqual([true, false]);
    // The follower's own cache reflects the backlog's clear of 'page-urls' by then.
    expect(follower.cache.size).toBe(0);
    // A tab that starts while the leader is connected and caught up asks, and is answered.
    const [late] = openTabs(1, url, locks, first.hub.namespace);
    await expect(late.remote.caughtUp(5_000)).resolves.toBe(true);
    expect(late.remote.leader).toBe(false);
  });

  it('caughtUp() in a tab that does not lead checks its caches first: a nudge that has not arrived does not leave them stale', async () => {
    const { feed, url } = await startServer();
    const locks = createMemoryLocks();
    const [leader] = openTabs(1, url, locks);
    await expect(leader.remote.caughtUp(5_000)).resolves.toBe(true);
    // Shares the store (same namespace, fake IndexedDB) but hears no nudge at all.
    const deaf = createSyncHub({ namespace: leader.hub.namespace, notifier: createMemoryBus().connect() });
    cleanups.push(() => deaf.close());
    const cache = new LocalSyncCache<string, string>('page-urls', { hub: deaf });
    await deaf.checkAll(); // its first read is done: from now on only a new marker empties it
    cache.set('/', 'home');
    const remote = connectRemote({ url, hub: deaf, locks, ...FRESH_TAB });
    cleanups.push(() => remote.close());
    await feed.publish({ ids: ['page-urls'] });
    await until(() => leader.remote.diagnostics.clears === 1, 'applied by the leader');
    expect(cache.size).toBe(1);
    await expect(remote.caughtUp(5_000)).resolves.toBe(true);
    expect([remote.leader, cache.size]).toEqual([false, 0]);
  });

  it('caughtUp() resolves false after its timeout when the feed cannot be reached, and at once after close()', async () => {
    const { url } = await startServer();
    const [tab] = openTabs(1, url.replace(/:\d+\//, ':9/'), null); // port 9 (discard): refused on loopback
    await expect(tab.remote.caughtUp(200)).resolves.toBe(false);
    tab.remote.close();
    await expect(tab.remote.caughtUp(60_000)).resolves.toBe(false);
  });

  it('refuses a call without a url, naming the fix', () => {
    expect(() => connectRemote({} as never)).toThrow(/url must be the SSE endpoint of local-sync-cache\/server, e\.g\. connectRemote\(\{ url: '\/clears' \}\)/);
  });
});

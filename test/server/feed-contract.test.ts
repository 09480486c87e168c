// One contract for the SSE feed, run against the embedded stream and against a real Redis stream.
import { afterEach, describe, expect, it } from 'vitest';
import type { ClearStream } from '../../src/server/index.js';
import { openEventSource, openRaw, redisUp, startFeed, waitFor, type Fixture, type StreamKind } from './helpers.js';

const KINDS: StreamKind[] = ['embedded', 'redis'];

describe.each(KINDS)('clear feed on the %s stream', (kind) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function feed(options: Parameters<typeof startFeed>[1] = {}): Promise<Fixture> {
    const fixture = await startFeed(kind, options);
    cleanups.push(() => fixture.close());
    return fixture;
  }
  function client(url: string, init?: { headers?: Record<string, string> }) {
    const opened = openEventSource(url, init);
    cleanups.push(() => opened.close());
    return opened;
  }

  it('delivers a published clear to a connected client, with the stream id as the SSE id', async () => {
    const { feed: server, url } = await feed();
    const es = client(url);
    await waitFor('ready', () => es.of('ready').length === 1);
    const id = await server.publish({ ids: ['page-urls', 'users'] });
    const namespaceId = await server.publish({ namespace: 'shop' });
    await waitFor('two clears', () => es.clears().length === 2);
    expect(es.clears()).toEqual([
      { id, ids: ['page-urls', 'users'], time: expect.any(Number) },
      { id: namespaceId, namespace: 'shop', time: expect.any(Number) },
    ]);
    expect(server.statistics()).toMatchObject({ connections: 1, published: 2, delivered: 2 });
  });

  it('tells a new client the head as its cursor and replays nothing older', async () => {
    const { feed: server, url } = await feed();
    const before = await server.publish({ ids: ['old'] });
    const es = client(url);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(JSON.parse(es.of('ready')[0].data)).toEqual({ cursor: before });
    expect(es.of('ready')[0].lastEventId).toBe(before);
    const after = await server.publish({ ids: ['new'] });
    await waitFor('the new clear', () => es.clears().length === 1);
    expect(es.clears().map((clear) => clear.id)).toEqual([after]);
  });

  it('resumes by Last-Event-ID after the server drops the connection: nothing lost, nothing twice', async () => {
    const fixture = await feed({ retry: 300, retryJitter: 50 });
    const es = client(fixture.url);
    await waitFor('ready', () => es.of('ready').length === 1);
    const ids = [await fixture.feed.publish({ ids: ['a'] }), await fixture.feed.publish({ ids: ['b'] })];
    await waitFor('two clears', () => es.clears().length === 2);
    fixture.dropConnections();
    // Published while the client waits its retry delay.
    for (const name of ['c', 'd', 'e']) ids.push(await fixture.feed.publish({ ids: [name] }));
    await waitFor('five clears', () => es.clears().length === 5);
    await waitFor('second ready', () => es.of('ready').length === 2);
    expect(es.clears().map((clear) => clear.id)).toEqual(ids);
    expect(es.clears().flatMap((clear) => clear.ids)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // The reconnection carried the header; the first request had none.
    expect(fixture.lastEventIds).toEqual(['', ids[1]]);
  });

  it('resumes a new EventSource from ?lastEventID=: nothing lost, nothing twice', async () => {
    const fixture = await feed();
    const first = client(fixture.url);
    await waitFor('ready', () => first.of('ready').length === 1);
    const seen = [await fixture.feed.publish({ ids: ['a'] })];
    await waitFor('one clear', () => first.clears().length === 1);
    first.close();
    const missed = [await fixture.feed.publish({ ids: ['b'] }), await fixture.feed.publish({ ids: ['c'] })];
    const second = client(`${fixture.url}?lastEventID=${encodeURIComponent(seen[0])}`);
    await waitFor('replay', () => second.of('ready').length === 1);
    const live = await fixture.feed.publish({ ids: ['d'] });
    await waitFor('live clear', () => second.clears().length === 3);
    expect(second.clears().map((clear) => clear.id)).toEqual([...missed, live]);
    expect(second.of('ready')[0].lastEventId).toBe(missed[1]);
  });

  it('drops a clear that arrives both live and in the backlog (by id), and sends one that came only live meanwhile', async () => {
    let raced: string | null = null;
    let late: string | null = null;
    let fixture: Fixture | null = null;
    const delayRead = (inner: ClearStream): ClearStream => ({
      ...inner,
      append: (fields) => inner.append(fields),
      follow: (sink) => inner.follow(sink),
      close: () => inner.close(),
      // A clear published while the backlog is being read reaches the client twice: live (held
      // until the backlog is sent) and in the backlog itself.
      readAfter: async (cursor) => {
        raced = await fixture!.feed.publish({ ids: ['raced'] });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const backlog = await inner.readAfter(cursor);
        // Published after the backlog was read: it reaches this client only live.
        late = await fixture!.feed.publish({ ids: ['late'] });
        await new Promise((resolve) => setTimeout(resolve, 50));
        return backlog;
      },
    });
    fixture = await feed({ wrapStream: delayRead });
    const cursor = await fixture.feed.publish({ ids: ['before'] });
    // A live connection makes the feed follow the stream, so the raced clear also comes live.
    const watcher = client(fixture.url);
    await waitFor('watcher ready', () => watcher.of('ready').length === 1);
    const es = client(`${fixture.url}?lastEventID=${cursor}`);
    await waitFor('ready', () => es.of('ready').length === 1);
    await waitFor('watcher saw both', () => watcher.clears().length === 2);
    const after = await fixture.feed.publish({ ids: ['after'] });
    await waitFor('after', () => es.clears().some((clear) => clear.id === after));
    expect(es.clears().map((clear) => clear.id)).toEqual([raced, late, after]);
    expect(es.of('ready')[0].lastEventId).toBe(late);
  });

  it('forgets a client that leaves while its backlog is read, without writing to its closed socket', async () => {
    let leave: (() => void) | null = null;
    const fixture = await feed({
      wrapStream: (inner) => ({
        ...inner,
        append: (fields) => inner.append(fields),
        follow: (sink) => inner.follow(sink),
        close: () => inner.close(),
        readAfter: async (cursor) => {
          leave!();
          await new Promise((resolve) => setTimeout(resolve, 50));
          return inner.readAfter(cursor);
        },
      }),
    });
    const cursor = await fixture.feed.publish({ ids: ['a'] });
    await fixture.feed.publish({ ids: ['b'] });
    const raw = openRaw(`${fixture.url}?lastEventID=${cursor}`);
    leave = () => raw.close();
    cleanups.push(() => raw.close());
    await waitFor('the connection forgotten', () => fixture.lastEventIds.length === 1 && fixture.feed.statistics().connections === 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fixture.errors).toEqual([]);
    expect(fixture.feed.statistics()).toMatchObject({ connections: 0, delivered: 0 });
  });

  it('answers a cursor older than what the stream holds with reset, then continues', async () => {
    const fixture = await feed({ maxLength: 2 });
    const first = client(fixture.url);
    await waitFor('ready', () => first.of('ready').length === 1);
    const old = await fixture.feed.publish({ ids: ['a'] });
    first.close();
    for (const name of ['b', 'c', 'd']) await fixture.feed.publish({ ids: [name] });
    // Redis trims with MAXLEN ~ by whole nodes; trim exactly here so the cursor is surely gone.
    if (fixture.redis) await fixture.redis.client.xTrim(fixture.redis.key, 'MAXLEN', 2);
    const second = client(`${fixture.url}?lastEventID=${old}`);
    await waitFor('ready', () => second.of('ready').length === 1);
    expect(second.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'trimmed' }]);
    expect(second.clears()).toEqual([]);
    const live = await fixture.feed.publish({ ids: ['e'] });
    await waitFor('live clear', () => second.clears().length === 1);
    expect(second.clears()[0].id).toBe(live);
    expect(fixture.feed.statistics().resets).toBe(1);
  });

  it('replays everything to a "0-0" cursor while nothing was trimmed, and resets once something was', async () => {
    const fixture = await feed({ maxLength: 2 });
    await fixture.feed.publish({ ids: ['a'] });
    await fixture.feed.publish({ ids: ['b'] });
    const whole = client(`${fixture.url}?lastEventID=0-0`);
    await waitFor('ready', () => whole.of('ready').length === 1);
    expect(whole.clears().map((clear) => clear.ids![0])).toEqual(['a', 'b']);
    await fixture.feed.publish({ ids: ['c'] });
    if (fixture.redis) await fixture.redis.client.xTrim(fixture.redis.key, 'MAXLEN', 2);
    const trimmed = client(`${fixture.url}?lastEventID=0-0`);
    await waitFor('ready', () => trimmed.of('ready').length === 1);
    expect(trimmed.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'trimmed' }]);
  });

  it('answers a cursor of another (recreated) stream with reset', async () => {
    const fixture = await feed();
    const es = client(`${fixture.url}?lastEventID=${Date.now() + 60_000}-0`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'recreated' }]);
  });

  it('answers a cursor of a stream that was recreated and has grown since with reset', async () => {
    const fixture = await feed();
    const old = await fixture.feed.publish({ ids: ['a'] });
    let url = fixture.url;
    if (fixture.redis) {
      await fixture.redis.client.del(fixture.redis.key);
      // A stream recreated within the same millisecond could hand out the very same id again.
      await new Promise((resolve) => setTimeout(resolve, 2));
      await fixture.feed.publish({ ids: ['b'] });
    } else {
      // A restarted process: a new embedded stream, whose ids are all newer than the old cursor.
      const restarted = await feed();
      await new Promise((resolve) => setTimeout(resolve, 2));
      await restarted.feed.publish({ ids: ['b'] });
      url = restarted.url;
    }
    const es = client(`${url}?lastEventID=${old}`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'recreated' }]);
    expect(es.clears()).toEqual([]);
  });

  /**
   * A feed for the age cases and a way to let time pass on it: the embedded stream runs on a clock
   * the test moves; Redis keeps its own, so there the test waits, with windows a second wider than
   * what a slow machine could add between a publish and the request.
   */
  async function agedFeed(options: Parameters<typeof startFeed>[1] = {}) {
    let clock = Date.now();
    const fixture = await feed({ ...options, streamClock: () => clock });
    // The suite's Redis must have run longer than the windows asked for, or it could not vouch for them.
    if (fixture.redis) await redisUp(fixture.redis.client, 3);
    const pass = async (ms: number) => {
      if (fixture.redis) await new Promise((resolve) => setTimeout(resolve, ms));
      else clock += ms;
    };
    return { fixture, pass };
  }

  it('replays to ?age= (a first connection) every clear of that many last ms, then ready at the head; nothing older', async () => {
    const { fixture, pass } = await agedFeed();
    await fixture.feed.publish({ ids: ['old'] });
    await pass(2_000);
    const recent = await fixture.feed.publish({ ids: ['recent'] });
    const es = client(`${fixture.url}?age=1000`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.clears().map((clear) => clear.ids)).toEqual([['recent']]);
    expect(es.of('reset')).toEqual([]);
    expect(es.of('ready')[0].lastEventId).toBe(recent);
    // Nothing in its window: the head is its cursor, so that it resumes exactly after it.
    await pass(2_000);
    const quiet = client(`${fixture.url}?age=1000`);
    await waitFor('ready', () => quiet.of('ready').length === 1);
    expect([quiet.clears(), quiet.of('reset'), quiet.of('ready')[0].lastEventId]).toEqual([[], [], recent]);
    const live = await fixture.feed.publish({ ids: ['live'] });
    await waitFor('the live clear', () => es.clears().length === 2 && quiet.clears().length === 1);
    expect(quiet.clears()[0].id).toBe(live);
  });

  it('answers ?age= reaching back past a trimmed clear with reset, and a trim older than the window with the replay', async () => {
    const { fixture, pass } = await agedFeed({ maxLength: 1 });
    await pass(2_000); // the stream outlives the windows asked for
    await fixture.feed.publish({ ids: ['a'] });
    await fixture.feed.publish({ ids: ['b'] });
    // Redis trims with MAXLEN ~ by whole nodes; trim exactly here so 'a' is surely gone.
    if (fixture.redis) await fixture.redis.client.xTrim(fixture.redis.key, 'MAXLEN', 1);
    const reaching = client(`${fixture.url}?age=1000`);
    await waitFor('ready', () => reaching.of('ready').length === 1);
    expect(reaching.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'trimmed' }]);
    expect(reaching.clears()).toEqual([]);
    await pass(2_000);
    // 'b' goes too in the embedded stream; Redis keeps it (MAXLEN ~ trims whole nodes), and its first
    // entry older than the window is what proves the trim of 'a' did not reach into it.
    const c = await fixture.feed.publish({ ids: ['c'] });
    const within = client(`${fixture.url}?age=1000`);
    await waitFor('ready', () => within.of('ready').length === 1);
    expect([within.of('reset'), within.clears().map((clear) => clear.id)]).toEqual([[], [c]]);
  });

  // Embedded only: there the feed's clock and the stream's can be one clock the test moves.
  it.skipIf(kind === 'redis')('counts an age back from the request\'s arrival, not from the read that follows a slow authorize()', async () => {
    let clock = Date.now();
    const fixture = await feed({
      streamClock: () => clock,
      now: () => clock,
      // Three seconds to decide, on the feed's clock.
      authorize: () => {
        clock += 3_000;
        return true;
      },
    });
    clock += 60_000; // a stream that has run for a minute
    const published = await fixture.feed.publish({ ids: ['a'] });
    clock += 500;
    const es = client(`${fixture.url}?age=1000`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect([es.of('reset'), es.clears().map((clear) => clear.id)]).toEqual([[], [published]]);
  });

  it('answers ?age= older than the stream can vouch for with reset (recreated)', async () => {
    const fixture = await feed();
    await fixture.feed.publish({ ids: ['a'] });
    // Ten years: older than this embedded stream, than the suite's Redis server, than any stream.
    const es = client(`${fixture.url}?age=${10 * 365 * 86_400_000}`);
    await waitFor('ready', () => es.of('ready').length === 1);
    expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'recreated' }]);
    expect(es.clears()).toEqual([]);
  });

  it('answers a malformed cursor with reset and counts it', async () => {
    const fixture = await feed();
    const byQuery = client(`${fixture.url}?lastEventID=not-an-id`);
    const byHeader = client(fixture.url, { headers: { 'Last-Event-ID': '1-2-3' } });
    const byAge = client(`${fixture.url}?age=-5`);
    await waitFor('ready', () => [byQuery, byHeader, byAge].every((es) => es.of('ready').length === 1));
    for (const es of [byQuery, byHeader, byAge]) expect(es.of('reset').map((event) => JSON.parse(event.data))).toEqual([{ reason: 'malformed' }]);
    expect(fixture.feed.statistics().malformedCursors).toBe(3);
    const live = await fixture.feed.publish({ ids: ['x'] });
    await waitFor('live clears', () => byQuery.clears().length === 1 && byHeader.clears().length === 1);
    expect(byHeader.clears()[0].id).toBe(live);
  });

  it('skips malformed stream entries, counts them, and delivers the next good one', async () => {
    const fixture = await feed();
    const es = client(fixture.url);
    await waitFor('ready', () => es.of('ready').length === 1);
    const bad: Array<Record<string, string>> = [
      { v: '2', ids: '["a"]' },
      { v: '1', ids: 'not json' },
      { v: '1', ids: '[]' },
      { v: '1', ids: '[1, 2]' },
      { v: '1' },
      { v: '1', ids: '["a"]', scope: '' },
      { v: '1', ids: '["a"]', time: '-5' },
      { v: '1', namespace: 'x'.repeat(300) },
    ];
    for (const fields of bad) await fixture.stream.append(fields);
    const good = await fixture.stream.append({ v: '1', ids: '["good"]', __proto__: 'x', constructor: 'y' } as Record<string, string>);
    await waitFor('the good clear', () => es.clears().length === 1);
    expect(es.clears()).toEqual([{ id: good, ids: ['good'] }]);
    expect(fixture.feed.statistics().malformedEntries).toEqual({ version: 1, ids: 3, namespace: 1, scope: 1, target: 1, time: 1, unreadable: 0 });
  });

  it('refuses a client that authorize() turns away with 403; EventSource does not retry', async () => {
    const fixture = await feed({ authorize: (req: { headers: Record<string, string> }) => req.headers.authorization === 'Bearer ok' });
    const refused = client(fixture.url);
    await waitFor('closed', () => refused.source.readyState === 2);
    const raw = openRaw(fixture.url);
    cleanups.push(() => raw.close());
    await waitFor('status', () => raw.response !== null);
    expect(raw.response!.statusCode).toBe(403);
    const allowed = client(fixture.url, { headers: { Authorization: 'Bearer ok' } });
    await waitFor('ready', () => allowed.of('ready').length === 1);
    expect(fixture.feed.statistics().refused).toBe(2);
  });

  it('sends each client the unscoped clears and those of the scopes authorize() grants it', async () => {
    const fixture = await feed({
      authorize: async (req: { url: string }) => {
        const user = new URL(req.url, 'http://x').searchParams.get('user');
        return user ? { scopes: ['app:shop', `user:${user}`] } : true;
      },
    });
    const one = client(`${fixture.url}?user=1`);
    const two = client(`${fixture.url}?user=2`);
    const anonymous = client(fixture.url);
    await waitFor('ready', () => [one, two, anonymous].every((es) => es.of('ready').length === 1));
    await fixture.feed.publish({ ids: ['mine'], scope: 'user:1' });
    await fixture.feed.publish({ ids: ['shop'], scope: 'app:shop' });
    await fixture.feed.publish({ ids: ['other'], scope: 'app:other' });
    await fixture.feed.publish({ ids: ['everyone'] });
    await waitFor('everyone', () => [one, two, anonymous].every((es) => es.clears().some((clear) => clear.ids?.[0] === 'everyone')));
    expect(one.clears().map((clear) => clear.ids![0])).toEqual(['mine', 'shop', 'everyone']);
    expect(two.clears().map((clear) => clear.ids![0])).toEqual(['shop', 'everyone']);
    expect(anonymous.clears().map((clear) => clear.ids![0])).toEqual(['everyone']);
    // Scoped clears are filtered on replay too.
    const replay = client(`${fixture.url}?user=2&lastEventID=0-0`);
    await waitFor('replay ready', () => replay.of('ready').length === 1);
    expect(replay.clears().map((clear) => clear.ids![0])).toEqual(['shop', 'everyone']);
  });

  it('answers 200 + retry and closes while the stream cannot be followed, so EventSource retries', async () => {
    let failures = 1;
    const fixture = await feed({
      wrapStream: (inner) => ({
        ...inner,
        append: (fields) => inner.append(fields),
        readAfter: (cursor) => inner.readAfter(cursor),
        close: () => inner.close(),
        follow: (sink) => (failures-- > 0 ? Promise.reject(new Error('stream down')) : inner.follow(sink)),
      }),
    });
    const es = client(fixture.url);
    await waitFor('ready after a retry', () => es.of('ready').length === 1);
    expect(fixture.lastEventIds.length).toBe(2);
    expect(String(fixture.errors[0])).toMatch(/stream down/);
    const id = await fixture.feed.publish({ ids: ['a'] });
    await waitFor('clear', () => es.clears().length === 1);
    expect(es.clears()[0].id).toBe(id);
  });

  it('defeats proxy buffering and sends retry with jitter and heartbeats', async () => {
    const fixture = await feed({ heartbeat: 20, heartbeatEvent: false, retry: 1_000, retryJitter: 500, random: () => 0.5 });
    const raw = openRaw(fixture.url);
    cleanups.push(() => raw.close());
    await waitFor('a heartbeat', () => raw.body.includes(': heartbeat'));
    const headers = raw.response!.headers;
    expect(raw.response!.statusCode).toBe(200);
    expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(headers['cache-control']).toBe('no-cache, no-transform');
    expect(headers['x-accel-buffering']).toBe('no');
    expect(headers['content-encoding']).toBeUndefined();
    expect(raw.body).toMatch(/^retry: 1250\n\n/);
  });

  it('sends heartbeats as events by default, which an EventSource (connectRemote staleAfter) can see', async () => {
    const fixture = await feed({ heartbeat: 20 });
    const es = client(fixture.url);
    await waitFor('a heartbeat event', () => es.of('heartbeat').length > 0);
    expect(JSON.parse(es.of('heartbeat')[0].data)).toEqual({ time: expect.any(Number) });
  });

  it('disconnects a client that stops reading; it resumes by id', async () => {
    const fixture = await feed({ maxBuffered: 1_000 });
    const raw = openRaw(fixture.url);
    cleanups.push(() => raw.close());
    await waitFor('ready', () => raw.events().some((event) => event.type === 'ready'));
    raw.response!.pause();
    const ids = Array.from({ length: 30 }, (_, index) => `cache-${index}-${'x'.repeat(200)}`);
    for (let round = 0; round < 5_000 && fixture.feed.statistics().slowClients === 0; round += 1) await fixture.feed.publish({ ids });
    expect(fixture.feed.statistics().slowClients).toBe(1);
    expect(fixture.feed.statistics().connections).toBe(0);
  });
});

// The same handler mounted in node:http, Express 5 and Fastify 5: a clear published after the
// client connected arrives, and authorize() sees the request object of that framework.
import { createServer } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createClearFeed, type ClearFeed } from '../../src/server/index.js';
import { listen, openEventSource, openRaw, waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
const frameworkLogs: string[] = [];
const fastifyReplies: Array<{ sent: boolean }> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Mounts `feed.handler` at /clears in each framework; resolves to the base URL. */
const FRAMEWORKS: Record<string, (feed: ClearFeed) => Promise<string>> = {
  'node:http': async (feed) => {
    const server = await listen(createServer((req, res) => (req.url?.startsWith('/clears') ? void feed.handler(req, res) : res.writeHead(404).end())));
    cleanups.push(() => server.close());
    return server.url;
  },
  'Express 5': async (feed) => {
    const app = express();
    app.get('/clears', feed.handler);
    const server = await listen(createServer(app));
    cleanups.push(() => server.close());
    return server.url;
  },
  'Fastify 5': async (feed) => {
    // Fastify logs when a handler and Fastify both answer one request; none of that may happen.
    const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void frameworkLogs.push(line) } } });
    app.addHook('onRequest', async (_request, reply) => void fastifyReplies.push(reply));
    app.get('/clears', feed.handler);
    await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(async () => {
      app.server.closeAllConnections();
      await app.close();
    });
    const { port } = app.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  },
};

describe.each(Object.keys(FRAMEWORKS))('handler under %s', (framework) => {
  it('streams a published clear to an EventSource, with the SSE headers, and passes its own request to authorize()', async () => {
    const seen: unknown[] = [];
    const feed = createClearFeed({
      heartbeat: 0,
      authorize: (req) => {
        seen.push(req);
        return true;
      },
    });
    cleanups.push(() => feed.close());
    const base = await FRAMEWORKS[framework](feed);
    const es = openEventSource(`${base}/clears`);
    cleanups.push(() => es.close());
    await waitFor('ready', () => es.of('ready').length === 1);
    const id = await feed.publish({ ids: ['page-urls'] });
    await waitFor('the clear', () => es.clears().length === 1);
    expect(es.clears()).toEqual([{ id, ids: ['page-urls'], time: expect.any(Number) }]);

    const raw = openRaw(`${base}/clears?lastEventID=${id}`);
    cleanups.push(() => raw.close());
    await waitFor('ready', () => raw.events().some((event) => event.type === 'ready'));
    expect(raw.response!.headers).toMatchObject({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
    // Express' req has .query and Fastify's request has .raw: authorize got the framework's own object.
    if (framework === 'Express 5') expect(seen[0]).toHaveProperty('query');
    if (framework === 'Fastify 5') {
      expect(seen[0]).toHaveProperty('raw');
      // Hijacked: Fastify leaves the streaming response alone (no serializers, hooks or timeouts of its own).
      expect(fastifyReplies.map((reply) => reply.sent)).toEqual([true, true]);
    }
    es.close();
    raw.close();
    await waitFor('connections closed', () => feed.statistics().connections === 0);
    expect(frameworkLogs).toEqual([]);
  });
});

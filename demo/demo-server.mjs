// The demo's server: the dev server (scripts/dev-server.mjs) serving demo/, plus what a backend
// of the app would have: the page tree as JSON, and the server feed of local-sync-cache
// (embedded in-process stream, nothing else to start) with a route that publishes a clear.
import { fileURLToPath } from 'node:url';
import { createClearFeed } from 'local-sync-cache/server';
import { sendBody, startDevServer } from '../scripts/dev-server.mjs';
import { createPageTree } from './page-tree.mjs';

const demo = fileURLToPath(new URL('.', import.meta.url));

/** The cache id the demo's realms keep their computed URLs under (the same as demo/page-urls-id.ts). */
export const PAGE_URLS = 'page-urls';

/** The longest artificial delay of /api/pages?delay=ms: enough to rename something meanwhile. */
const MAX_DELAY = 5_000;

const sendJson = (response, value, status = 200) => sendBody(response, 'application/json; charset=utf-8', JSON.stringify(value), status);

/** Reads a small JSON request body; `undefined` when it is not JSON. */
async function readJson(request) {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > 10_000) return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Starts the demo server.
 * @param {{ port?: number }} [options] `port` 0 (the default) picks any free port
 * @returns {Promise<import('../scripts/dev-server.mjs').DevServer>}
 */
export async function startDemoServer({ port = 0 } = {}) {
  const pages = createPageTree();
  // Heartbeats as events, so the browser side can tell a dead connection (see connectRemote's staleAfter).
  const feed = createClearFeed({ heartbeatEvent: true });
  const server = await startDevServer({
    root: demo,
    port,
    routes: {
      '/clears': (request, response) => feed.handler(request, response),
      '/api/pages': async (request, response, url) => {
        // An artificial slow network, per request: a clear that lands while the answer is on
        // its way shows the fill being refused.
        const delay = Math.min(Number(url.searchParams.get('delay')) || 0, MAX_DELAY);
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        sendJson(response, pages.list());
      },
      '/api/rename': async (request, response) => {
        if (request.method !== 'POST') return sendJson(response, { error: 'POST only' }, 405);
        const body = await readJson(request);
        const refused = pages.rename(body?.id, body?.slug);
        // The page that renamed clears page-urls itself (in every tab of its browser).
        sendJson(response, refused ? { error: refused } : { ok: true }, refused ? 400 : 200);
      },
      '/api/reset': (request, response) => {
        if (request.method !== 'POST') return sendJson(response, { error: 'POST only' }, 405);
        pages.reset();
        sendJson(response, { ok: true });
      },
      // The server panel: a change made by the backend, which then publishes the clear as a
      // backend would; the browsers' leader tab applies it to every realm.
      '/api/server-rename': async (request, response) => {
        if (request.method !== 'POST') return sendJson(response, { error: 'POST only' }, 405);
        const body = await readJson(request);
        const refused = pages.rename(body?.id, body?.slug);
        if (refused) return sendJson(response, { error: refused }, 400);
        const streamId = await feed.publish({ ids: [PAGE_URLS] });
        sendJson(response, { ok: true, streamId });
      },
      '/api/feed': (request, response) => sendJson(response, feed.statistics()),
    },
  }).catch(async (error) => {
    // A taken port: release the feed too, or its timers would keep the process alive.
    await feed.close();
    throw error;
  });
  return {
    ...server,
    close: async () => {
      await feed.close();
      await server.close();
    },
  };
}

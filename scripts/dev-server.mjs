// The one HTTP server of the repository (Node's http, no dependency): the demo (`npm start`), the
// browser tests (e2e/) and the bench page all run on it. It serves a folder as it is on disk
// and/or a few routes of the caller's own (bundles built in memory, test APIs, the demo's server
// feed), always on loopback.
//
// Security headers are options, so one server can serve plain, cross-origin-isolated and
// strict-CSP pages side by side:
//   crossOriginIsolated: true   COOP + COEP on every response (the bench: 5 us timers)
//   ?isolated                   the same for one request (e2e pages that want it)
//   ?csp=strict                 Content-Security-Policy: STRICT_CSP for one request
// Only these fixed policies exist: a query never writes arbitrary headers.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** The policy that `?csp=strict` applies: scripts only from this origin, and Trusted Types for every script sink. */
export const STRICT_CSP = "script-src 'self'; require-trusted-types-for 'script'";

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/**
 * @typedef {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse, url: URL) => void | Promise<void>} RouteHandler
 * A route answers the request itself. The policy headers the request asked for are already set on
 * `response` (with `setHeader`), so a route's own `writeHead` keeps them.
 */

/**
 * @typedef {object} DevServer
 * @property {string} url `http://localhost:<port>`: browsers treat `localhost` as a secure context
 *   (service workers, Web Locks, crypto.subtle)
 * @property {number} port
 * @property {() => Promise<void>} close
 */

/**
 * Starts the server on loopback.
 *
 * @param {object} options
 * @param {string} [options.root] the folder served as static files; without it only `routes` answer
 * @param {Record<string, RouteHandler>} [options.routes] by pathname; a key ending in `*` matches
 *   every pathname that starts with the rest (`'/api/*'`). Routes come before files.
 * @param {boolean} [options.crossOriginIsolated] COOP and COEP on every response, not only on `?isolated` requests
 * @param {number} [options.port] 0 (the default) lets the system pick a free port: loopback ports
 *   may be taken by other programs on this machine
 * @param {string} [options.host] the address to bind; loopback, so nothing is exposed to the network
 * @returns {Promise<DevServer>}
 */
export async function startDevServer({ root, routes = {}, crossOriginIsolated = false, port = 0, host = '127.0.0.1' } = {}) {
  const base = root === undefined ? undefined : resolve(root);
  const exact = new Map(Object.entries(routes).filter(([path]) => !path.endsWith('*')));
  const prefixes = Object.entries(routes)
    .filter(([path]) => path.endsWith('*'))
    .map(([path, handler]) => [path.slice(0, -1), handler]);

  const server = createServer((request, response) => {
    answer(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`dev server: ${error?.message ?? error}`);
    });
  });

  async function answer(request, response) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    for (const [name, value] of Object.entries(policyHeaders(url.searchParams, crossOriginIsolated))) response.setHeader(name, value);
    const route = exact.get(url.pathname) ?? prefixes.find(([prefix]) => url.pathname.startsWith(prefix))?.[1];
    if (route) return route(request, response, url);
    if (base !== undefined) return serveFile(base, request, response, url);
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${url.pathname}`);
  }

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE') {
        rejectListen(new Error(`dev server: port ${port} on ${host} is taken; pick another (PORT, E2E_PORT or BENCH_PORT), or 0 for any free port`));
      } else rejectListen(error);
    });
    server.listen(port, host, resolveListen);
  });
  const chosen = server.address().port;
  return {
    url: `http://localhost:${chosen}`,
    port: chosen,
    close: () =>
      new Promise((resolveClose) => {
        // Browsers keep idle keep-alive sockets (and EventSource streams) open; without this,
        // close() would wait for them.
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/**
 * Sends a complete answer from memory (a bundle, a page, JSON). `no-store`: neither the browser's
 * HTTP cache nor anything else may answer in a route's place (the service-worker tests count
 * requests; the bench page is rebuilt on every run).
 *
 * @param {import('node:http').ServerResponse} response
 * @param {string} type the Content-Type
 * @param {string | Uint8Array} body
 * @param {number} [status]
 */
export function sendBody(response, type, body, status = 200) {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
}

async function serveFile(base, request, response, url) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400).end('bad path');
    return;
  }
  const file = resolve(join(base, pathname));
  // A path with ".." must never leave the served folder.
  if (file !== base && !file.startsWith(base + sep)) {
    response.writeHead(403).end('outside the served folder');
    return;
  }
  let target = file;
  let info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) {
    // Without the trailing slash, relative URLs in the index page would resolve one level up.
    if (!pathname.endsWith('/')) {
      response.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    target = join(target, 'index.html');
    info = await stat(target).catch(() => undefined);
  }
  if (!info?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);
    return;
  }
  const headers = {
    'Content-Type': CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    // Revalidate every time, so a rebuilt bundle is always picked up. Not `no-store`: Chromium
    // keeps `no-store` pages out of the back/forward cache, which the bfcache test needs.
    'Cache-Control': 'no-cache',
  };
  if (/\.(m|c)?js$/.test(target)) {
    // Lets a service worker script anywhere in the tree register with any scope on this origin.
    headers['Service-Worker-Allowed'] = '/';
  }
  response.writeHead(200, headers);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(target).pipe(response);
}

/** The security headers of one request: the server-wide option, then what the query asks for. */
function policyHeaders(query, isolatedAlways) {
  const headers = {};
  if (isolatedAlways || query.has('isolated')) Object.assign(headers, ISOLATION);
  if (query.get('csp') === 'strict') headers['Content-Security-Policy'] = STRICT_CSP;
  return headers;
}

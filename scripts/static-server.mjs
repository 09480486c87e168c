// A small static file server (Node's http, no dependency) for the browser tests and the demo.
// It serves one folder as it is on disk: the e2e suite points it at the repository root, so
// pages, dist/ and node_modules/ are all reachable (service-worker tests rely on that), and the
// demo points it at demo/.
//
// Response headers a test may need are switched per request by query parameters, so one server
// serves plain, cross-origin-isolated and strict-CSP pages side by side:
//   ?isolated    Cross-Origin-Opener-Policy: same-origin + Cross-Origin-Embedder-Policy: require-corp
//                (cross-origin isolation: precise timers, SharedArrayBuffer)
//   ?csp=strict  Content-Security-Policy: script-src 'self'; require-trusted-types-for 'script'
// Only these fixed policies exist: a query never writes arbitrary headers.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** The policy that `?csp=strict` applies: scripts only from this origin, and Trusted Types for every script sink. */
export const STRICT_CSP = "script-src 'self'; require-trusted-types-for 'script'";

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
 * Starts serving `root` on the loopback interface.
 *
 * @param {object} options
 * @param {string} options.root the folder to serve
 * @param {number} [options.port] 0 (the default) lets the system pick a free port
 * @param {string} [options.host] the address to bind; loopback only, so nothing is exposed to the network
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>} `url` uses the name
 *   `localhost`, which browsers treat as a secure context (service workers, crypto.subtle).
 */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1' }) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    serve(base, request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`static server: ${error?.message ?? error}`);
    });
  });
  await new Promise((resolveListen, rejectListen) => {
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE') {
        rejectListen(new Error(`static server: port ${port} on ${host} is taken; pick another (E2E_PORT or PORT), or 0 for any free port`));
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
        // Browsers keep idle keep-alive sockets open; without this, close() would wait for them.
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

async function serve(base, request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
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
    ...policyHeaders(url.searchParams),
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

/** The optional security headers that a request asks for; see the top of this file. */
function policyHeaders(query) {
  const headers = {};
  if (query.has('isolated')) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
  }
  if (query.get('csp') === 'strict') headers['Content-Security-Policy'] = STRICT_CSP;
  return headers;
}

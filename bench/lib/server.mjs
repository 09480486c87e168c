// A tiny static server for the bench page: one HTML document and one script, bundled in memory
// with esbuild. It sends COOP and COEP so the page is cross-origin isolated, which gives
// `performance.now()` a 5 us step instead of 100 us: the propagation samples are a few hundred
// microseconds long.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>local-sync-cache bench</title>
<script type="module" src="/bench-page.js"></script>
`;

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cache-Control': 'no-store',
};

/** Bundles bench/page/main.mjs; `local-sync-cache` resolves to the built dist/ through the package's exports. */
async function bundlePage() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../page/main.mjs', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/**
 * Starts the server on 127.0.0.1 (a secure context, like localhost). The port comes from
 * BENCH_PORT, or is any free one: other programs on this machine hold loopback ports.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startServer(port = Number(process.env.BENCH_PORT ?? 0)) {
  const script = await bundlePage();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      response.writeHead(200, { ...ISOLATION, 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (path === '/bench-page.js') {
      response.writeHead(200, { ...ISOLATION, 'Content-Type': 'text/javascript; charset=utf-8' }).end(script);
    } else {
      response.writeHead(404, ISOLATION).end();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

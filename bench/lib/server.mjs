// The bench page on the dev server (scripts/dev-server.mjs): one HTML document and one script,
// bundled in memory with esbuild. Every response is cross-origin isolated (COOP and COEP), which
// gives `performance.now()` a 5 us step instead of 100 us: the propagation samples are a few
// hundred microseconds long.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sendBody, startDevServer } from '../../scripts/dev-server.mjs';

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>local-sync-cache bench</title>
<script type="module" src="/bench-page.js"></script>
`;

/**
 * Bundles a bench page script in memory; `local-sync-cache` resolves to the built dist/ through
 * the package's exports, as in an app.
 * @param {URL} entry the script
 */
export async function bundleBenchScript(entry) {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
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
  const script = await bundleBenchScript(new URL('../page/main.mjs', import.meta.url));
  const server = await startDevServer({
    port,
    crossOriginIsolated: true,
    routes: {
      '/': (_request, response) => sendBody(response, 'text/html; charset=utf-8', PAGE),
      '/bench-page.js': (_request, response) => sendBody(response, 'text/javascript; charset=utf-8', script),
    },
  });
  // The address the bench always used: the figures stay comparable with earlier runs.
  return { url: `http://127.0.0.1:${server.port}/`, close: server.close };
}

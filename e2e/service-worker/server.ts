// The dev server (scripts/dev-server.mjs) with routes of its own, so the service-worker spec
// depends on nothing but dist/: it serves the test page, the bundled page script and worker, and an /api/data answer that carries a new
// serial number each time it is reached, which tells the test whether an answer came from the
// network or from the worker's Cache Storage.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendBody, startDevServer } from '../../scripts/dev-server.mjs';
import { ensureBuilt } from '../../scripts/ensure-built.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');

export interface TestServer {
  /** http://localhost:<port>, a secure context, where service workers may register. */
  readonly url: string;
  /** Requests that reached /api/ so far. */
  readonly apiRequests: number;
  /**
   * Holds the next /api/ request at the server: `arrived` resolves when it is there, and its
   * answer (with its serial, taken on arrival) is sent only on `release()`.
   */
  holdNext(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

/** One classic script per entry: workers get no import maps, and a classic worker no `import`. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(here, entry)],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
    // rollup keeps a hoisted `import 'idb-keyval'` in dist/; idb-keyval has no side effects.
    logOverride: { 'ignored-bare-import': 'silent' },
    // Workbox reads process.env.NODE_ENV; apps ship its production build.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]!.text;
}

export async function startTestServer(): Promise<TestServer> {
  // The worker imports the built package.
  ensureBuilt('service-worker e2e');
  const [worker, workboxWorker, page] = await Promise.all([bundle('worker.ts'), bundle('workbox-worker.ts'), bundle('page.ts')]);
  const html = readFileSync(join(here, 'page.html'), 'utf8');
  const script = 'text/javascript; charset=utf-8';
  let apiRequests = 0;
  let hold: { arrive(): void; released: Promise<void> } | undefined;
  // Routes only, no folder: the spec depends on nothing but dist/ and these bundles. Every
  // answer is `no-store`, so only the worker's Cache Storage can answer in the network's place.
  const server = await startDevServer({
    routes: {
      '/': (_request, response) => sendBody(response, 'text/html; charset=utf-8', html),
      '/page.js': (_request, response) => sendBody(response, script, page),
      '/sw.js': (_request, response) => sendBody(response, script, worker),
      '/workbox-sw.js': (_request, response) => sendBody(response, script, workboxWorker),
      '/api/*': (_request, response) => {
        const body = JSON.stringify({ serial: ++apiRequests });
        const held = hold;
        hold = undefined;
        if (!held) sendBody(response, 'application/json', body);
        else {
          held.arrive();
          void held.released.then(() => sendBody(response, 'application/json', body));
        }
      },
    },
  });
  return {
    url: server.url,
    get apiRequests() {
      return apiRequests;
    },
    holdNext() {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      hold = { arrive, released: new Promise<void>((resolve) => (release = resolve)) };
      return { arrived, release };
    },
    close: () => server.close(),
  };
}

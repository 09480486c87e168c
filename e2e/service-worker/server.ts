// A tiny server of its own, so the service-worker spec depends on nothing but dist/: it serves
// the test page, the bundled page script and worker, and an /api/data answer that carries a new
// serial number each time it is reached, which tells the test whether an answer came from the
// network or from the worker's Cache Storage.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

function newestChange(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The worker imports the built package: build it when it is missing or older than src/. */
function ensureBuilt(): void {
  const built = join(root, 'dist', 'service-worker.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestChange(join(root, 'src'))) return;
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`service-worker e2e: \`npm run build\` failed (exit ${result.status}); the worker loads dist/.`);
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
  ensureBuilt();
  const [worker, workboxWorker, page] = await Promise.all([bundle('worker.ts'), bundle('workbox-worker.ts'), bundle('page.ts')]);
  const html = readFileSync(join(here, 'page.html'), 'utf8');
  let apiRequests = 0;
  let hold: { arrive(): void; released: Promise<void> } | undefined;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string, headers: Record<string, string> = {}): void => {
      // no-store: neither the browser's HTTP cache nor anything else may answer in the worker's place.
      response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      response.end(body);
    };
    if (path === '/') send('text/html; charset=utf-8', html);
    else if (path === '/page.js') send('text/javascript; charset=utf-8', page);
    else if (path === '/sw.js') send('text/javascript; charset=utf-8', worker);
    else if (path === '/workbox-sw.js') send('text/javascript; charset=utf-8', workboxWorker);
    else if (path.startsWith('/api/')) {
      const body = JSON.stringify({ serial: ++apiRequests });
      const held = hold;
      hold = undefined;
      if (!held) send('application/json', body);
      else {
        held.arrive();
        void held.released.then(() => send('application/json', body));
      }
    }
    else {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
  // Port 0: any free port, since loopback ports may be taken by other programs on this machine.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

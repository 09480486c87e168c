#!/usr/bin/env node
// `npm start`: builds the package and the demo, serves the demo on localhost and prints its
// address. PORT picks the port (default 5173; if that one is taken, any free port).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../scripts/static-server.mjs';
import { buildDemo } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const demo = fileURLToPath(new URL('.', import.meta.url));

const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) {
  console.error('demo: `npm run build` failed; see above.');
  process.exit(1);
}
await buildDemo();

async function listen() {
  if (process.env.PORT !== undefined) return startStaticServer({ root: demo, port: Number(process.env.PORT) });
  try {
    return await startStaticServer({ root: demo, port: 5173 });
  } catch {
    return startStaticServer({ root: demo, port: 0 });
  }
}

const server = await listen();
console.log(`\nlocal-sync-cache demo: ${server.url}/\nOpen it, press "Open another tab", and rename a page. Ctrl+C stops the server.`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

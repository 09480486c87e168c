#!/usr/bin/env node
// `npm start`: builds the package and the demo, serves the demo on localhost and prints its
// address. PORT picks the port (default 5173; if that one is taken, any free port).
import { fileURLToPath } from 'node:url';
import { startDevServer } from '../scripts/dev-server.mjs';
import { ensureBuilt } from '../scripts/ensure-built.mjs';
import { buildDemo } from './build.mjs';

const demo = fileURLToPath(new URL('.', import.meta.url));

try {
  ensureBuilt('demo');
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
await buildDemo();

async function listen() {
  if (process.env.PORT !== undefined) return startDevServer({ root: demo, port: Number(process.env.PORT) });
  try {
    return await startDevServer({ root: demo, port: 5173 });
  } catch {
    return startDevServer({ root: demo, port: 0 });
  }
}

const server = await listen();
console.log(`\nlocal-sync-cache demo: ${server.url}/\nOpen it, press "Open another tab", and rename a page. Ctrl+C stops the server.`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

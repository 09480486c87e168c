#!/usr/bin/env node
// `npm start`: builds the package when it is stale, bundles the demo, serves it on localhost and
// prints its address. PORT picks the port (default 5173; if that one is taken, any free port).
import { ensureBuilt } from '../scripts/ensure-built.mjs';
import { buildDemo } from './build.mjs';

try {
  ensureBuilt('demo');
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
await buildDemo();
// Imported only now: the demo server loads local-sync-cache/server from dist/, which a fresh
// clone gets from the build above (a static import would be resolved before it ran).
const { startDemoServer } = await import('./demo-server.mjs');

async function listen() {
  if (process.env.PORT !== undefined) return startDemoServer({ port: Number(process.env.PORT) });
  try {
    return await startDemoServer({ port: 5173 });
  } catch {
    return startDemoServer({ port: 0 });
  }
}

const server = await listen();
console.log(
  `\nlocal-sync-cache demo: ${server.url}/\n` +
    'Three realms side by side: deafen one, rename a page in another, then press "Check now" in the deaf one. Ctrl+C stops the server.',
);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

// Runs once before the suite: checks the browser, builds what the pages load, starts the dev
// server, and hands its address to the workers through the environment.
import { fileURLToPath } from 'node:url';
import { buildDemo } from '../../demo/build.mjs';
import { startDevServer } from '../../scripts/dev-server.mjs';
import { ensureBuilt } from '../../scripts/ensure-built.mjs';
import { assertBrowserInstalled } from './browser';
import { bundlePages } from './page-bundles';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function globalSetup(): Promise<() => Promise<void>> {
  assertBrowserInstalled();
  ensureBuilt('e2e');
  await Promise.all([bundlePages(root), buildDemo()]);
  // Any free port unless E2E_PORT says otherwise: loopback ports may be taken by other programs.
  const server = await startDevServer({ root, port: Number(process.env.E2E_PORT ?? 0) });
  // Workers start after global setup and inherit this; playwright.config.ts reads it as baseURL.
  process.env.E2E_BASE_URL = server.url;
  return () => server.close();
}

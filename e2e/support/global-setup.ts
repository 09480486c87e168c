// Runs once before the suite: checks the browser, builds what the pages load, starts the static
// server, and hands its address to the workers through the environment.
import { fileURLToPath } from 'node:url';
import { buildDemo } from '../../demo/build.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { assertBrowserInstalled } from './browser';
import { ensureBuiltPackage } from './built-package';
import { bundlePages } from './page-bundles';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function globalSetup(): Promise<() => Promise<void>> {
  assertBrowserInstalled();
  ensureBuiltPackage(root);
  await Promise.all([bundlePages(root), buildDemo()]);
  // Any free port unless E2E_PORT says otherwise: loopback ports may be taken by other programs.
  const server = await startStaticServer({ root, port: Number(process.env.E2E_PORT ?? 0) });
  // Workers start after global setup and inherit this; playwright.config.ts reads it as baseURL.
  process.env.E2E_BASE_URL = server.url;
  return () => server.close();
}

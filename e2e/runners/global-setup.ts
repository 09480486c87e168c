// Vitest global setup of the Firefox and WebKit suites: builds what the pages load, starts the
// dev server on the repository root and hands its address to the test files (Vitest `provide`/`inject`).
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../scripts/dev-server.mjs';
import { ensureBuilt } from '../../scripts/ensure-built.mjs';
import { bundlePages } from '../support/page-bundles';

const root = fileURLToPath(new URL('../..', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBuilt('e2e');
  await bundlePages(root);
  // Any free port unless E2E_PORT says otherwise: loopback ports may be taken by other programs.
  const server = await startDevServer({ root, port: Number(process.env.E2E_PORT ?? 0) });
  project.provide('e2eBaseUrl', server.url);
  return () => server.close();
}

// Bundles the demo from the built package (dist/, through the package's exports map) into
// demo/.build/: the page scripts as ES modules (a bundle, not an import map, for the same reasons
// as the e2e pages: see e2e/support/page-bundles.ts), the service worker as one classic script
// (a worker gets no import map, and a classic worker no `import`).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleForBrowser } from '../scripts/bundle-for-browser.mjs';

const demo = fileURLToPath(new URL('.', import.meta.url));

/** Writes demo/.build/host.js, realm.js (and their lazily loaded chunks) and service-worker.js. Expects dist/ to be built. */
export async function buildDemo() {
  await Promise.all([
    bundleForBrowser({ absWorkingDir: demo, entryPoints: ['host.ts', 'realm.ts'], outdir: '.build' }),
    build({
      absWorkingDir: demo,
      entryPoints: ['service-worker.ts'],
      outdir: '.build',
      bundle: true,
      format: 'iife',
      target: 'es2022',
      sourcemap: 'linked',
      logLevel: 'warning',
      // rollup keeps a hoisted `import 'idb-keyval'` in dist/; idb-keyval has no side effects.
      logOverride: { 'ignored-bare-import': 'silent' },
    }),
  ]);
}

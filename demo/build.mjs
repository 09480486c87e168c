// Bundles the demo app from the built package (dist/, through the package's exports map) into
// demo/.build/. A bundle, not an import map, for the same reasons as the e2e pages
// (see e2e/support/page-bundles.ts).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const demo = fileURLToPath(new URL('.', import.meta.url));

/** Writes demo/.build/app.js (and its lazily loaded chunks). Expects dist/ to be built. */
export async function buildDemo() {
  await build({
    absWorkingDir: demo,
    entryPoints: ['app.ts'],
    outdir: '.build',
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: 'linked',
    logLevel: 'warning',
    // See e2e/support/page-bundles.ts: the hoisted `import 'idb-keyval'` in dist/ is rightly dropped.
    logOverride: { 'ignored-bare-import': 'silent' },
  });
}

// Bundles the demo app from the built package (dist/, through the package's exports map) into
// demo/.build/. A bundle, not an import map, for the same reasons as the e2e pages
// (see e2e/support/page-bundles.ts).
import { fileURLToPath } from 'node:url';
import { bundleForBrowser } from '../scripts/bundle-for-browser.mjs';

const demo = fileURLToPath(new URL('.', import.meta.url));

/** Writes demo/.build/app.js (and its lazily loaded chunks). Expects dist/ to be built. */
export async function buildDemo() {
  await bundleForBrowser({ absWorkingDir: demo, entryPoints: ['app.ts'], outdir: '.build' });
}

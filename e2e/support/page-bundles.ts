// How test pages load the built package.
//
// dist/index.js imports bare specifiers ('idb-keyval', and 'broadcast-channel' lazily), which a
// browser resolves only through an import map or a bundler. We bundle each page script with
// esbuild (from dist/, through the package's own exports map) instead of using an import map:
// - the strict-CSP page (`script-src 'self'`) blocks inline scripts, and an import map can only be
//   inline (browsers do not load `<script type="importmap" src>`), so an import map cannot work there;
// - one loading path for every page is simpler than two, and a bundler is how apps consume the
//   package, so the suite also proves the exports map, `sideEffects: false` and the lazy
//   `import('broadcast-channel')` survive bundling (with `splitting` it stays a chunk of its own,
//   fetched only where there is no native BroadcastChannel).
import { join } from 'node:path';
import { bundleForBrowser } from '../../scripts/bundle-for-browser.mjs';

/** Page scripts, relative to e2e/pages/; each becomes e2e/.build/<name>.js. */
const ENTRIES = ['tab.ts', 'concurrency.ts', 'strict-csp.ts', 'navigation.ts', 'remote.ts', 'bridges-react-router.ts', 'bridges-tanstack-router.ts', 'bridges-vue-router.ts', 'bridges-query.ts'];

/** Bundles the page scripts into e2e/.build/ (served at /e2e/.build/). */
export async function bundlePages(root: string): Promise<void> {
  await bundleForBrowser({ absWorkingDir: root, entryPoints: ENTRIES.map((entry) => join('e2e', 'pages', entry)), outdir: join('e2e', '.build') });
}

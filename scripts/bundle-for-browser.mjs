// Bundles page scripts that import the built package by name, as an app's bundler would:
// through the package's exports map, with `splitting` so the lazy `import('broadcast-channel')`
// stays a chunk of its own, fetched only where there is no native BroadcastChannel.
import { build } from 'esbuild';

/**
 * @param {{ absWorkingDir: string, entryPoints: string[], outdir: string }} options paths relative to `absWorkingDir`
 */
export async function bundleForBrowser({ absWorkingDir, entryPoints, outdir }) {
  await build({
    absWorkingDir,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

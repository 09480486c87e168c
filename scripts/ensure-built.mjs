// The demo, the browser tests and the service-worker pages load the BUILT package (dist/), as an
// app would. This one check makes sure dist/ is there and not older than what it is built from,
// so `npm start` or `npx playwright test` alone never serves a stale build, and never rebuilds
// for nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time of any file under `folder`. */
function newestChange(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Whether dist/ is missing or older than src/, the build config or package.json (its exports). */
export function isBuildStale(root = repository) {
  const built = join(root, 'dist', 'index.js');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestChange(join(root, 'src')),
    statSync(join(root, 'rollup.config.mjs')).mtimeMs,
    statSync(join(root, 'package.json')).mtimeMs,
  );
  return statSync(built).mtimeMs < sources;
}

/**
 * Runs `npm run build` when {@link isBuildStale}; throws when the build fails.
 * @param {string} who names the caller in the error, e.g. 'e2e' or 'demo'
 * @param {string} [root] the repository
 */
export function ensureBuilt(who, root = repository) {
  if (!isBuildStale(root)) return;
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${who}: \`npm run build\` failed (exit ${result.status}); it loads dist/, so fix the build first.`);
}

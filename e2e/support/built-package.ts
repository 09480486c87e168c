// The pages under test load the BUILT package (dist/), as an app would; this makes sure dist/ is
// there and not older than the sources, so `npx playwright test` alone never tests a stale build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of any file under `folder`. */
function newestChange(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` when dist/index.js is missing or older than src/ or the build config. */
export function ensureBuiltPackage(root: string): void {
  const built = join(root, 'dist', 'index.js');
  const sources = Math.max(newestChange(join(root, 'src')), statSync(join(root, 'rollup.config.mjs')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`e2e: \`npm run build\` failed (exit ${result.status}); the pages load dist/, so fix the build first.`);
}

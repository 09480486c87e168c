// Bundle sizes beside their goals. size-limit measures them (see .size-limit.cjs for how); here
// each figure becomes a row whose "baseline" is its goal, so the ratio says how far off it is.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** @param root the repository root, with dist/ built */
export function measureSizes(root) {
  const { goals } = createRequire(import.meta.url)(join(root, '.size-limit.cjs'));
  // size-limit exits 1 when a ceiling is exceeded; its JSON figures are printed either way.
  const result = spawnSync(join(root, 'node_modules', '.bin', 'size-limit'), ['--json'], { cwd: root, encoding: 'utf8' });
  const figures = JSON.parse(result.stdout);
  const main = figures.find((entry) => entry.name === 'main').size;
  const rows = [];
  const row = (key, figure, bytes, goal) => {
    const ratio = bytes / goal;
    rows.push({ key, figure, unit: 'B', ours: { p50: bytes, p99: bytes }, baseline: { p50: goal, p99: goal }, ratio: { p50: ratio, p99: ratio }, goal: `<= ${goal} B (ratio <= 1)`, met: ratio <= 1 });
  };
  row('size-main', 'size: main entry + idb-keyval, production min+gzip, vs its goal', main, goals.main);
  const quickStart = figures.find((entry) => entry.name === 'quick start');
  if (quickStart) row('size-quick-start', 'size: LocalSyncCache + installAutoCheck + idb-keyval, production min+gzip, vs its goal', quickStart.size, goals['quick-start']);
  for (const entry of figures.filter((candidate) => candidate.name.startsWith('main + '))) {
    const subpath = entry.name.slice('main + '.length);
    row(`size-${subpath}`, `size: what ${subpath} adds to main, vs its goal`, entry.size - main, goals[subpath] ?? goals.subpath);
  }
  const fallback = figures.find((candidate) => candidate.name.startsWith('fallback transport'));
  if (fallback) {
    rows.push({ key: 'size-fallback-transport', figure: '(reference) size: broadcast-channel fallback, loaded only without native BroadcastChannel', unit: 'B', ours: { p50: fallback.size, p99: fallback.size }, baseline: { p50: main, p99: main }, ratio: { p50: fallback.size / main, p99: fallback.size / main }, goal: null, met: null });
  }
  return rows;
}

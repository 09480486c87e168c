// The size budgets of .size-limit.cjs, in `npm test`. size-limit measures (esbuild for the
// browser, minified, gzipped); this file turns its figures into one test per rule, including
// "each subpath adds at most 1 kB to the main entry", which size-limit cannot express.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, root, run } from './helpers.js';

interface Figure {
  name: string;
  size: number;
  passed?: boolean;
}

const { budgets, bridgeBudgets } = createRequire(import.meta.url)(join(root, '.size-limit.cjs')) as {
  budgets: { main: number; subpath: number; [subpath: string]: number };
  bridgeBudgets: Record<string, number>;
};
/** The ceiling of what `name` ("main + <subpath>") adds to main: its own, else the common one. */
const ceilingOf = (name: string): number => budgets[name.slice('main + '.length)] ?? budgets.subpath;

let figures: Figure[];
const figure = (name: string): Figure => {
  const found = figures.find((entry) => entry.name === name);
  if (!found) throw new Error(`size-limit reported no "${name}" (got ${figures.map((entry) => entry.name).join(', ')})`);
  return found;
};

beforeAll(() => {
  // size-limit exits 1 when a budget is exceeded; the figures are still printed as JSON.
  const result = run(bin('size-limit'), ['--json'], root);
  const report = JSON.parse(result.stdout) as Figure[] | { error: string };
  if (!Array.isArray(report)) throw new Error(`size-limit failed: ${report.error}`);
  figures = report;
  console.info(figures.map((entry) => `${entry.name}: ${entry.size} B min+gzip`).join('\n'));
});

describe('bundle size (esbuild, browser, minified, gzip)', () => {
  // Ceilings guard against growth; the goals are reported by `npm run bench`.
  it(`main entry with its dependencies stays under its ceiling of ${budgets.main} B`, () => {
    expect(figure('main').size).toBeLessThanOrEqual(budgets.main);
  });

  it(`the quick start (LocalSyncCache + installAutoCheck) stays under its ceiling of ${budgets['quick-start']} B`, () => {
    expect(figure('quick start').size).toBeLessThanOrEqual(budgets['quick-start']);
  });

  it(`every built subpath adds at most its ceiling (${budgets.subpath} B unless it has its own) to the main entry`, () => {
    const main = figure('main').size;
    const added = Object.fromEntries(figures.filter((entry) => entry.name.startsWith('main + ')).map((entry) => [entry.name, entry.size - main]));
    const over = Object.entries(added).filter(([name, bytes]) => bytes > ceilingOf(name));
    expect(over, `bytes added to main: ${JSON.stringify(added)}`).toEqual([]);
  });

  it.each(Object.entries(bridgeBudgets))('the %s bridge adds at most its ceiling of %i B to the main entry', (subpath, ceiling) => {
    expect(figure(`main + ${subpath}`).size - figure('main').size).toBeLessThanOrEqual(ceiling);
  });

  it('reports the on-demand fallback transport on its own line', () => {
    const fallback = figures.find((entry) => entry.name.startsWith('fallback transport'));
    expect(fallback?.size).toBeGreaterThan(0);
  });
});

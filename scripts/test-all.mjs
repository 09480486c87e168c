#!/usr/bin/env node
// Runs every suite (build, unit, packaging, the browser suites of each engine) and ends with the
// one line CI reads: "N passed, N failed", summed over all suites, after one line per suite
// ("e2e-firefox: N passed, N failed"). Each suite writes a JSON report that this script counts;
// a suite that crashes before writing one counts as one failure.
//
// `node scripts/test-all.mjs e2e-firefox e2e-webkit` runs only the suites named.
// The three browser suites run one after another by default: on a small machine shared with
// others, parallel browsers only fight over the cores. TEST_PARALLEL=3 runs them side by side
// (their output is then printed whole as each suite ends); the default is 3 where there are at
// least 8 cores.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'reports');
mkdirSync(reports, { recursive: true });

const vitest = (config) => ['npx', 'vitest', 'run', '--config', config];

/** Each suite: how to run it, where it writes its report, how to count it; `browser` suites may run in parallel. */
const suites = [
  { name: 'unit', config: 'vitest.config.ts', command: vitest('vitest.config.ts'), report: 'unit.json', count: countVitest },
  { name: 'package', config: 'vitest.package.config.ts', command: vitest('vitest.package.config.ts'), report: 'package.json', count: countVitest },
  { name: 'server', config: 'vitest.server.config.ts', command: vitest('vitest.server.config.ts'), report: 'server.json', count: countVitest },
  { name: 'e2e-chromium', config: 'playwright.config.ts', command: ['npx', 'playwright', 'test'], report: 'e2e-chromium.json', count: countPlaywright, browser: true },
  { name: 'e2e-firefox', config: 'vitest.e2e-firefox.config.ts', command: vitest('vitest.e2e-firefox.config.ts'), report: 'e2e-firefox.json', count: countVitest, browser: true },
  { name: 'e2e-webkit', config: 'vitest.e2e-webkit.config.ts', command: vitest('vitest.e2e-webkit.config.ts'), report: 'e2e-webkit.json', count: countVitest, browser: true },
];

function countVitest(report) {
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) };
}

function countPlaywright(report) {
  const stats = report.stats ?? {};
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0 };
}

/** Runs a suite; with `quiet`, its output is collected and printed in one piece when it ends. */
function runSuite(suite, quiet) {
  const reportPath = join(reports, suite.report);
  rmSync(reportPath, { force: true });
  const started = Date.now();
  if (!quiet) console.log(`\n=== ${suite.name} ===`);
  const [program, ...args] = suite.command;
  const child = spawn(program, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
  let output = '';
  if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      if (quiet) console.log(`\n=== ${suite.name} ===\n${output}`);
      let counts;
      try {
        counts = suite.count(JSON.parse(readFileSync(reportPath, 'utf8')));
      } catch {
        counts = { passed: 0, failed: 1 };
        console.error(`${suite.name}: no report at ${reportPath} (the suite crashed before reporting; exit ${status})`);
      }
      if (status !== 0 && counts.failed === 0) counts.failed = 1;
      console.log(`${suite.name} took ${Math.round((Date.now() - started) / 1000)} s`);
      resolve(counts);
    });
  });
}

const only = process.argv.slice(2);
const chosen = suites.filter((suite) => (only.length === 0 || only.includes(suite.name)) && existsSync(join(root, suite.config)));
const parallel = Math.max(1, Number(process.env.TEST_PARALLEL ?? (availableParallelism() >= 8 ? 3 : 1)));

const results = new Map();
if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) {
  results.set('build', { passed: 0, failed: 1 });
} else {
  for (const suite of chosen.filter((candidate) => !candidate.browser)) results.set(suite.name, await runSuite(suite, false));
  // The browser suites, at most `parallel` at a time.
  const waiting = chosen.filter((candidate) => candidate.browser);
  const worker = async () => {
    for (let suite = waiting.shift(); suite; suite = waiting.shift()) results.set(suite.name, await runSuite(suite, parallel > 1));
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

let passed = 0;
let failed = 0;
const lines = [];
for (const name of ['build', ...suites.map((suite) => suite.name)]) {
  const counts = results.get(name);
  if (!counts) continue;
  passed += counts.passed;
  failed += counts.failed;
  lines.push(name === 'build' ? 'build: FAILED' : `${name}: ${counts.passed} passed, ${counts.failed} failed`);
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

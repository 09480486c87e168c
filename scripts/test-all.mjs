#!/usr/bin/env node
// Runs every suite (build, unit, browser end-to-end, packaging) and ends with the one line CI
// reads: "N passed, N failed", summed over all suites. Each suite writes a JSON report that
// this script counts; a suite that crashes before writing one counts as one failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'reports');
mkdirSync(reports, { recursive: true });

/** Each suite: how to run it, where it writes its report, how to count it. */
const suites = [
  { name: 'unit', config: 'vitest.config.ts', command: ['npx', 'vitest', 'run'], report: 'unit.json', count: countVitest },
  { name: 'package', config: 'vitest.package.config.ts', command: ['npx', 'vitest', 'run', '--config', 'vitest.package.config.ts'], report: 'package.json', count: countVitest },
  { name: 'server', config: 'vitest.server.config.ts', command: ['npx', 'vitest', 'run', '--config', 'vitest.server.config.ts'], report: 'server.json', count: countVitest },
  { name: 'e2e', config: 'playwright.config.ts', command: ['npx', 'playwright', 'test'], report: 'e2e.json', count: countPlaywright },
];

function countVitest(report) {
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) };
}

function countPlaywright(report) {
  const stats = report.stats ?? {};
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0 };
}

function run(command) {
  const [program, ...args] = command;
  return spawnSync(program, args, { cwd: root, stdio: 'inherit', env: process.env }).status;
}

let passed = 0;
let failed = 0;
const lines = [];

const only = process.argv.slice(2);
if (run(['npm', 'run', '--silent', 'build']) !== 0) {
  failed += 1;
  lines.push('build: FAILED');
} else {
  for (const suite of suites) {
    if (only.length > 0 && !only.includes(suite.name)) continue;
    if (!existsSync(join(root, suite.config))) continue;
    const reportPath = join(reports, suite.report);
    rmSync(reportPath, { force: true });
    console.log(`\n=== ${suite.name} ===`);
    const status = run(suite.command);
    let counts;
    try {
      counts = suite.count(JSON.parse(readFileSync(reportPath, 'utf8')));
    } catch {
      counts = { passed: 0, failed: 1 };
      console.error(`${suite.name}: no report at ${reportPath} (the suite crashed before reporting; exit ${status})`);
    }
    if (status !== 0 && counts.failed === 0) counts.failed = 1;
    passed += counts.passed;
    failed += counts.failed;
    lines.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed`);
  }
}

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

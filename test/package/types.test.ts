// Are the Types Wrong? on the packed tarball: every exports entry must resolve to types of
// the right module format under node16 (from ESM and from CJS) and bundler resolution.
import { describe, expect, inject, it } from 'vitest';
import { bin, root, run } from './helpers.js';

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

// The node16 profile leaves out `node10` resolution, which cannot see any subpath of an
// `exports` map and which TypeScript 6 deprecates (this package is built with 6.0). Projects
// still on it get the main entry through package.json `types`.
const PROFILE = 'strict';
const IGNORED_RESOLUTIONS: string[] = [];

describe('attw (Are the Types Wrong?)', () => {
  it(`finds no problem with the ${PROFILE} profile`, () => {
    const result = run(bin('attw'), [inject('packageTarball'), '--format', 'json', '--profile', PROFILE], root);
    let report: { analysis: { problems?: AttwProblem[] } };
    try {
      report = JSON.parse(result.stdout);
    } catch {
      throw new Error(`attw printed no JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
    // The JSON lists every problem; the profile only changes the exit code, so filter the same way.
    const problems = (report.analysis.problems ?? [])
      .filter((problem) => !IGNORED_RESOLUTIONS.includes(problem.resolutionKind ?? ''))
      .map((problem) => `${problem.kind} at ${problem.entrypoint ?? '(package)'}${problem.resolutionKind ? ` (${problem.resolutionKind})` : ''}`);
    expect(problems).toEqual([]);
    expect(result.status).toBe(0);
  });
});

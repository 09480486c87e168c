// The TypeScript of the whole repository type-checks: the sources, the Node suites and the browser
// suites with their pages and the demo. Vitest, Playwright and esbuild only strip types, so without
// this a wrong type in a test (an assertion reading a field that does not exist) passes silently.
import { describe, expect, it } from 'vitest';
import { bin, root, run } from './helpers.js';

describe('tsc --noEmit', () => {
  it.each(['tsconfig.json', 'test/tsconfig.json', 'e2e/tsconfig.json'])('finds no type error in %s', (project) => {
    const result = run(bin('tsc'), ['--noEmit', '-p', project], root);
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});

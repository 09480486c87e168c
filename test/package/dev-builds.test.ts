// Which build teaches (README, "Errors"): the `development` export condition always does, the
// default build does unless NODE_ENV is "production". Each probe runs the package by its own
// name in a fresh Node process, so the conditions and the environment are exactly the user's.
import { describe, expect, it } from 'vitest';
import { root, run } from './helpers.js';

/** The message of the error a bad id throws, from the package loaded with `flags` and `env`. */
function badIdMessage(flags: string[], env: NodeJS.ProcessEnv): string {
  const probe = `import('local-sync-cache').then(({ LocalSyncCache }) => { try { new LocalSyncCache(''); } catch (error) { console.log(error.message); } });`;
  const result = run(process.execPath, [...flags, '--input-type=module', '--eval', probe], root, env);
  if (result.status !== 0) throw new Error(`probe exited with ${result.status}:\n${result.stderr}`);
  return result.stdout.trim();
}

describe('development and production builds', () => {
  it('the default build teaches outside production', () => {
    expect(badIdMessage([], { NODE_ENV: 'development' })).toMatch(/^LocalSyncCache: the id must be a non-empty string.*\[local-sync-cache: bad-id\]$/);
  });

  it('the default build carries only the code when NODE_ENV is "production"', () => {
    expect(badIdMessage([], { NODE_ENV: 'production' })).toBe('local-sync-cache: bad-id (see "Errors" in the README)');
  });

  it('the development condition teaches even when NODE_ENV is "production"', () => {
    expect(badIdMessage(['--conditions=development'], { NODE_ENV: 'production' })).toMatch(/the id must be a non-empty string.*\[local-sync-cache: bad-id\]$/);
  });
});

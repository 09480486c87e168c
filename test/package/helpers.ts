// Shared by the packaging tests: where the package lives and how to run its tools.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the folder holding package.json). */
export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Manifest {
  name: string;
  exports: Record<string, unknown>;
  peerDependencies?: Record<string, string>;
}

/** package.json as it is now; read per call because the exports map grows while others work. */
export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion without a shell, so paths with spaces need no quoting. */
export function run(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  const result = spawnSync(program, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A locally installed tool's executable, so the tests never reach for npx's network lookup. */
export function bin(name: string): string {
  return join(root, 'node_modules', '.bin', name);
}

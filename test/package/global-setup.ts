// Packs the package once for every packaging test: publint, attw and the install test all look
// at the same tarball, the one `npm publish` would upload.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { root, run } from './helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the packed .tgz. */
    packageTarball: string;
    /** A scratch folder, removed after the run, for projects that install the tarball. */
    packageScratch: string;
  }
}

export default function setup(project: TestProject): () => void {
  // Packing an unbuilt package would "pass" an empty tarball; scripts/test-all.mjs builds first.
  if (!existsSync(join(root, 'dist', 'index.js'))) {
    throw new Error('test/package: dist/ is missing; run `npm run build` (or `npm test`, which builds) first.');
  }
  const scratch = mkdtempSync(join(tmpdir(), 'local-sync-cache-package-'));
  // --ignore-scripts: a prepack hook must not rebuild behind the tests' back; --json names the file.
  const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], root);
  if (packed.status !== 0) throw new Error(`npm pack failed (exit ${packed.status}):\n${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  project.provide('packageTarball', join(scratch, filename));
  project.provide('packageScratch', scratch);
  return () => rmSync(scratch, { recursive: true, force: true });
}

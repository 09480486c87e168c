// Installs the packed tarball into a scratch project, as a user would from the registry, and
// loads every entry of the exports map from ESM (import) and from CommonJS (require).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readManifest, run } from './helpers.js';

const manifest = readManifest();
const specifiers = Object.keys(manifest.exports).map((subpath) => manifest.name + subpath.slice(1));

/** What a probe learned about one specifier. */
interface Loaded {
  ok: boolean;
  error?: string;
  /** Export names, sorted; for JSON, the keys of the document. */
  names?: string[];
  /** For the main entry: whether a cache built from the installed code works as a Map. */
  smoke?: boolean;
}

// The same probe runs in both module systems; only the loading line differs. For the main
// entry it also builds a cache with the in-memory transports of `/testing`, which proves that the installed
// dependencies resolve and the code runs, without touching IndexedDB or a real channel.
// Wrapped in an async function so that CommonJS, which has no top-level await, runs it too.
const probeBody = (load: string) => `(async () => {
const specifiers = JSON.parse(process.argv[2]);
const main = ${JSON.stringify(manifest.name)};
const results = {};
for (const specifier of specifiers) {
  try {
    const loaded = ${load};
    const names = Object.keys(loaded).sort();
    let smoke;
    if (specifier === main) {
      const { LocalSyncCache, createSyncHub } = loaded;
      const { createMemoryStore, createMemoryBus } = await (async (specifier) => ${load})(main + '/testing');
      const hub = createSyncHub({ store: createMemoryStore(), notifier: createMemoryBus().connect() });
      const cache = new LocalSyncCache('probe', { hub });
      cache.set('key', 'value');
      smoke = cache instanceof Map && cache.get('key') === 'value';
      hub.close();
    }
    results[specifier] = { ok: true, names, smoke };
  } catch (error) {
    results[specifier] = { ok: false, error: String(error && error.stack || error) };
  }
}
console.log(JSON.stringify(results));
})();
`;

const ESM_PROBE = probeBody(
  // A JSON entry needs the import attribute; its namespace holds the document as `default`.
  `specifier.endsWith('.json') ? (await import(specifier, { with: { type: 'json' } })).default : await import(specifier)`,
);
const CJS_PROBE = probeBody('require(specifier)');

let esm: Record<string, Loaded>;
let cjs: Record<string, Loaded>;

function probe(project: string, file: string, flags: string[]): Record<string, Loaded> {
  const result = run(process.execPath, [...flags, file, JSON.stringify(specifiers)], project);
  if (result.status !== 0) throw new Error(`${file} exited with ${result.status}:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, Loaded>;
}

beforeAll(() => {
  const project = mkdtempSync(join(inject('packageScratch'), 'consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch-consumer', version: '0.0.0', private: true }));
  // Peer dependencies are installed too: a user of `/react` has React. npm takes the
  // dependencies from its cache when it can (--prefer-offline) and asks the registry only for
  // what is missing.
  const peers = Object.entries(manifest.peerDependencies ?? {}).map(([name, range]) => `${name}@${range}`);
  const installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', inject('packageTarball'), ...peers], project);
  if (installed.status !== 0) throw new Error(`npm install of the tarball failed (exit ${installed.status}):\n${installed.stderr}`);
  writeFileSync(join(project, 'probe.mjs'), ESM_PROBE);
  writeFileSync(join(project, 'probe.cjs'), CJS_PROBE);
  esm = probe(project, 'probe.mjs', []);
  // Node 20.19+ would quietly require() an ES module; the flag restores the behaviour of the
  // older Node versions that engines allows, so a `require` condition pointing at ESM fails here.
  cjs = probe(project, 'probe.cjs', ['--no-experimental-require-module']);
});

describe.each(specifiers)('%s from the installed tarball', (specifier) => {
  it('loads with import', () => {
    expect(esm[specifier], esm[specifier].error).toMatchObject({ ok: true });
    expect(esm[specifier].names!.length).toBeGreaterThan(0);
  });

  it('loads with require', () => {
    expect(cjs[specifier], cjs[specifier].error).toMatchObject({ ok: true });
    expect(cjs[specifier].names!.length).toBeGreaterThan(0);
  });

  it('exports the same names to both module systems', () => {
    expect(esm[specifier].ok && cjs[specifier].ok, 'both must load first').toBe(true);
    expect(cjs[specifier].names).toEqual(esm[specifier].names);
  });

  if (specifier === manifest.name) {
    it('runs: a cache built from the installed code works as a Map', () => {
      expect(esm[specifier].smoke).toBe(true);
      expect(cjs[specifier].smoke).toBe(true);
    });
  }
});

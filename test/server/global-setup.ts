// Starts one real redis-server for the whole server suite and bundles the child-process server
// used by the "several server processes" test (children run plain Node, which cannot load .ts).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { redisServerPath as REDIS_SERVER, startRedis } from '../../scripts/redis-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** redis://127.0.0.1:PORT of the shared test Redis. */
    redisUrl: string;
    /** The bundled child server script (ESM, runs under plain node). */
    childServer: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(`test/server needs Debian's redis-server at ${REDIS_SERVER} (apt-get install -y redis-server, or set REDIS_SERVER)`);
  }
  // Inside the repository so that the bundle's `import 'redis'` resolves to node_modules.
  const outdir = join(root, '.tmp', 'server-tests');
  mkdirSync(outdir, { recursive: true });
  const childServer = join(outdir, 'child-server.mjs');
  await build({
    entryPoints: [join(root, 'test/server/fixtures/child-server.ts')],
    outfile: childServer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['redis'],
    logLevel: 'error',
  });
  const redis = await startRedis();
  project.provide('redisUrl', redis.url);
  project.provide('childServer', childServer);
  return () => redis.stop();
}

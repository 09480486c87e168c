// The node-only `server` entry stays apart from the browser entries: no shared chunk, no runtime
// import of the optional `redis` peer, and no server code in what a browser app bundles.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest, root } from './helpers.js';

const dist = join(root, 'dist');
const read = (file: string) => readFileSync(join(dist, file), 'utf8');

describe('server entry', () => {
  it('is built on its own: it imports no chunk and never loads redis at run time', () => {
    for (const file of ['server.js', 'server.cjs']) {
      const code = read(file);
      expect(code, file).not.toMatch(/from\s+["']\.\/chunks\/|require\(["']\.\/chunks\//);
      expect(code, file).not.toMatch(/from\s+["']redis["']|require\(["']redis["']\)|import\(["']redis["']\)/);
    }
    // Types too: an app without `redis` or @types/node installed can read them.
    expect(read('server.d.ts')).not.toMatch(/^(import|export)\b.*from\s+["'](redis|node:http|http)["']/m);
  });

  it('is absent from every browser entry and chunk', () => {
    const browserFiles = [
      ...Object.keys(readManifest().exports)
        .filter((subpath) => subpath !== './server' && subpath !== './package.json')
        .map((subpath) => `${subpath === '.' ? 'index' : subpath.slice(2)}.js`),
      ...readdirSync(join(dist, 'chunks')).filter((file) => file.endsWith('.js')).map((file) => `chunks/${file}`),
    ];
    for (const file of browserFiles) expect(read(file), file).not.toMatch(/createClearFeed|XREAD|text\/event-stream/);
  });
});

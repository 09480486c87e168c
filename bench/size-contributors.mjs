#!/usr/bin/env node
// What makes up the main entry's size: `node bench/size-contributors.mjs`. Name source entries
// to bundle them together instead, e.g. `node bench/size-contributors.mjs src/index.ts
// src/react/index.ts` for the main entry with a subpath.
//
// .size-limit.cjs measures dist/, where rollup has already merged the sources into a few
// chunks; this bundles src/index.ts instead, with the same esbuild settings (browser, ESM,
// es2022, minified, the fallback transport left out), so esbuild's metafile can say how many
// minified bytes each source module and dependency puts into the bundle. Gzip does not split
// by module, so the text of string literals (mostly error and warning messages) is measured
// separately: the bundle gzipped with and without it.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DEV_GUARD } from '../scripts/dev-flag.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = process.argv.length > 2 ? process.argv.slice(2) : ['src/index.ts'];
// Every export stays alive, as in .size-limit.cjs: the figure is the whole public surface.
const contents = [
  ...entries.map((entry, index) => `import * as entry${index} from ${JSON.stringify(entry.startsWith('.') ? entry : `./${entry}`)};`),
  `console.log(${entries.map((_, index) => `entry${index}`).join(', ')});`,
].join('\n');

const result = await build({
  stdin: { contents, resolveDir: root, sourcefile: 'size-entry.js', loader: 'js' },
  bundle: true,
  minify: true,
  treeShaking: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  external: ['broadcast-channel'],
  // A production build, as dist/ is (scripts/dev-flag.mjs) and as an app's bundler makes it.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [{ name: 'dev-flag', setup: (plugin) => plugin.onLoad({ filter: /src\/.*\.ts$/ }, async ({ path }) => ({ contents: (await readFile(path, 'utf8')).replaceAll('__DEV__', DEV_GUARD), loader: 'ts' })) }],
  metafile: true,
  write: false,
  logLevel: 'error',
});

const code = result.outputFiles[0].text;
const gzip = (text) => gzipSync(text, { level: 9 }).length;
const [output] = Object.values(result.metafile.outputs);
const modules = Object.entries(output.inputs)
  .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
  .filter(({ bytes }) => bytes > 0)
  .sort((a, b) => b.bytes - a.bytes);

/**
 * The text ranges [start, end) of every string literal and template chunk in minified code. A
 * small scanner, not a parser: it tracks quotes, template nesting and braces, and would be
 * misled by a regular expression literal holding a quote (the bundle has none; it throws if
 * the scan runs off the end).
 */
function literalRanges(text) {
  const ranges = [];
  const templateDepths = [];
  let depth = 0;
  let index = 0;
  const readTemplate = (start) => {
    let at = start;
    for (;;) {
      if (at >= text.length) throw new Error('size-contributors: unterminated template literal');
      if (text[at] === '\\') at += 2;
      else if (text[at] === '`') {
        ranges.push([start, at]);
        return at + 1;
      } else if (text[at] === '$' && text[at + 1] === '{') {
        ranges.push([start, at]);
        templateDepths.push(depth);
        return at + 2;
      } else at += 1;
    }
  };
  while (index < text.length) {
    const char = text[index];
    if (char === '"' || char === "'") {
      let at = index + 1;
      while (text[at] !== char) {
        if (at >= text.length) throw new Error('size-contributors: unterminated string literal');
        at += text[at] === '\\' ? 2 : 1;
      }
      ranges.push([index + 1, at]);
      index = at + 1;
    } else if (char === '`') {
      index = readTemplate(index + 1);
    } else if (char === '}' && templateDepths.at(-1) === depth) {
      templateDepths.pop();
      index = readTemplate(index + 1);
    } else {
      if (char === '{') depth += 1;
      if (char === '}') depth -= 1;
      index += 1;
    }
  }
  return ranges;
}

// Pieces of 20 characters or more: shorter ones are keys, tags and names, longer ones prose.
const prose = literalRanges(code).filter(([start, end]) => end - start >= 20);
let withoutProse = '';
let copied = 0;
for (const [start, end] of prose) {
  withoutProse += code.slice(copied, start);
  copied = end;
}
withoutProse += code.slice(copied);

const width = Math.max(...modules.map(({ path }) => path.length));
console.log(`${entries.join(' + ')}: ${code.length} B minified, ${gzip(code)} B min+gzip (broadcast-channel left out)\n`);
console.log(`${'module'.padEnd(width)}  minified  share`);
for (const { path, bytes } of modules) {
  console.log(`${path.padEnd(width)}  ${String(bytes).padStart(8)}  ${((100 * bytes) / code.length).toFixed(1).padStart(4)}%`);
}
const proseBytes = prose.reduce((total, [start, end]) => total + end - start, 0);
console.log(
  `\nprose in string literals (pieces of 20+ characters, mostly error and warning messages): ${prose.length} pieces, ${proseBytes} B minified;` +
    `\nthe same bundle with that prose emptied: ${withoutProse.length} B minified, ${gzip(withoutProse)} B min+gzip`,
);

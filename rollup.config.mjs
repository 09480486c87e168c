// Builds ESM + CJS with esbuild and bundles the declarations with rollup-plugin-dts,
// one output file per public entry point.
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { devFlag } from './scripts/dev-flag.mjs';

/** Public entry points: subpath name -> source file. */
export const entries = {
  index: 'src/index.ts',
  react: 'src/react/index.ts',
  router: 'src/router/index.ts',
  'service-worker': 'src/service-worker/index.ts',
  vue: 'src/vue/index.ts',
  'tanstack-query': 'src/tanstack-query/index.ts',
  remote: 'src/remote/index.ts',
  testing: 'src/testing/index.ts',
};

/**
 * Node-only entry points, built on their own so that no chunk is shared with the browser entries
 * (a browser bundle never pulls server code in through a common chunk).
 */
export const nodeEntries = {
  server: 'src/server/index.ts',
};

// Runtime dependencies and optional peers stay imports; the app's bundler resolves them.
const external = (id) => /^(idb-keyval|broadcast-channel|react|react-dom|vue)(\/|$)/.test(id);
// Node builtins and the optional `redis` peer are never bundled into the server entry.
const nodeExternal = (id) => id.startsWith('node:') || /^redis(\/|$)/.test(id) || external(id);

export default [
  {
    input: entries,
    external,
    plugins: [devFlag(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: [
      // hoistTransitiveImports off: no bare `import 'idb-keyval'` left in entries that only reach it through a chunk.
      { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', hoistTransitiveImports: false },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named', hoistTransitiveImports: false },
    ],
  },
  {
    // The `development` export condition (Vite's dev server, webpack in development mode): the
    // same modules with `__DEV__` always on, so teaching messages show even where the dev server
    // runs the code in a browser without `process`. ESM only: CommonJS runs in Node, where the
    // default build reads process.env.NODE_ENV itself.
    input: entries,
    external,
    plugins: [devFlag('true'), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist/development', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', hoistTransitiveImports: false },
  },
  {
    input: entries,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: 'chunks/[name]-[hash].d.cts' },
    ],
  },
  {
    input: nodeEntries,
    external: nodeExternal,
    plugins: [devFlag(), esbuild({ target: 'node20', platform: 'node', tsconfig: 'tsconfig.json' })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/node-[name]-[hash].js', hoistTransitiveImports: false },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/node-[name]-[hash].cjs', exports: 'named', hoistTransitiveImports: false },
    ],
  },
  {
    input: nodeEntries,
    external: nodeExternal,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/node-[name]-[hash].d.ts' },
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: 'chunks/node-[name]-[hash].d.cts' },
    ],
  },
];

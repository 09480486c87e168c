// Builds ESM + CJS with esbuild and bundles the declarations with rollup-plugin-dts,
// one output file per public entry point.
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

/** Public entry points: subpath name -> source file. */
export const entries = {
  index: 'src/index.ts',
  react: 'src/react/index.ts',
  router: 'src/router/index.ts',
  'service-worker': 'src/service-worker/index.ts',
  vue: 'src/vue/index.ts',
  'tanstack-query': 'src/tanstack-query/index.ts',
};

// Runtime dependencies and optional peers stay imports; the app's bundler resolves them.
const external = (id) => /^(idb-keyval|broadcast-channel|react|react-dom|vue)(\/|$)/.test(id);

export default [
  {
    input: entries,
    external,
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: [
      // hoistTransitiveImports off: no bare `import 'idb-keyval'` left in entries that only reach it through a chunk.
      { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', hoistTransitiveImports: false },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named', hoistTransitiveImports: false },
    ],
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
];

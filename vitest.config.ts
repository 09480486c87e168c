import { realpathSync } from 'node:fs';
import { devFlag } from './scripts/dev-flag.mjs';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // `__DEV__` as the default build has it, so a test can stub NODE_ENV to see production behaviour.
  plugins: [devFlag()],
  // A git worktree may share the main checkout's node_modules through a symlink; Vite then serves
  // setup files from outside the root (happy-dom suites load them through it) only if allowed.
  server: { fs: { allow: ['.', realpathSync('node_modules')] } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Packaging checks need a build and a packed tarball: vitest.package.config.ts runs them.
    exclude: [...configDefaults.exclude, 'test/package/**', 'test/server/**'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto'],
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]],
  },
});

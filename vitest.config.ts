import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Packaging checks need a build and a packed tarball: vitest.package.config.ts runs them.
    exclude: [...configDefaults.exclude, 'test/package/**', 'test/server/**'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto'],
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]],
  },
});

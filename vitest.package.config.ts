// The packaging suite: what users get from the registry, checked on the packed tarball and the
// built bundles (npm pack + install + import, publint, attw, size budgets). It reads dist/, so
// it runs after `npm run build`; scripts/test-all.mjs does both and reads the JSON report.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/package/global-setup.ts'],
    // npm install, esbuild bundles and the type analysis each take seconds on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'reports/package.json' }]],
  },
});

// The Vitest settings shared by the Firefox and WebKit suites; only the engine differs.
import type { ViteUserConfig } from 'vitest/config';

export function engineSuiteConfig(engine: 'firefox' | 'webkit'): ViteUserConfig {
  return {
    test: {
      include: ['e2e/runners/cases.vitest.ts'],
      environment: 'node',
      env: { E2E_ENGINE: engine },
      globalSetup: ['e2e/runners/global-setup.ts'],
      // One browser at a time: two cores shared with other engineers, and cases with six tabs.
      fileParallelism: false,
      maxConcurrency: 1,
      // A browser launch plus a case on a loaded machine; every wait inside has its own deadline.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      reporters: ['default', ['json', { outputFile: `reports/e2e-${engine}.json` }]],
    },
  };
}

// End-to-end tests in real Chromium tabs: e2e/*.spec.ts, including the cross-engine cases of
// e2e/cases/ (e2e/engines.spec.ts; Firefox and WebKit run the same cases through
// vitest.e2e-firefox.config.ts and vitest.e2e-webkit.config.ts). See e2e/support/ for the dev
// server set-up, the browser choice and how pages load the built package.
import { defineConfig } from '@playwright/test';
import { launchOptions } from './e2e/support/browser';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  // Not under test-results/: Playwright wipes that folder when it starts, and
  // scripts/test-all.mjs reads stats.expected/unexpected/flaky from this file.
  reporter: [['list'], ['json', { outputFile: 'reports/e2e-chromium.json' }]],
  // Two cores shared with other engineers' runs, and tests that open eight tabs at once.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    // Set by global setup once the server listens (on E2E_PORT, or any free port).
    baseURL: process.env.E2E_BASE_URL,
    launchOptions,
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});

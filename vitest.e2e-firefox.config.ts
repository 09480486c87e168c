// The cross-engine browser cases (e2e/cases/) in Firefox ESR, through puppeteer-core over
// WebDriver BiDi. scripts/test-all.mjs reads reports/e2e-firefox.json.
import { defineConfig } from 'vitest/config';
import { engineSuiteConfig } from './e2e/runners/suite-config.ts';

export default defineConfig(engineSuiteConfig('firefox'));

// The cross-engine browser cases (e2e/cases/) in WebKitGTK's MiniBrowser, through WebKitWebDriver
// and webdriverio (classic WebDriver) under Xvfb. scripts/test-all.mjs reads reports/e2e-webkit.json.
import { defineConfig } from 'vitest/config';
import { engineSuiteConfig } from './e2e/runners/suite-config.ts';

export default defineConfig(engineSuiteConfig('webkit'));

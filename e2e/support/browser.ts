// Which Chromium the suite drives and how it is launched. Shared by playwright.config.ts and by
// tests that launch a browser of their own (real page lifecycle, back/forward cache).
export { assertBrowserInstalled, chromiumArgs, chromiumPath, launchOptions } from '../../scripts/chromium.mjs';

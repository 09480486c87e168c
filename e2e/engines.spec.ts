// The cross-engine cases (e2e/cases/) in Chromium, under Playwright like the rest of e2e/. The
// same definitions run in Firefox and WebKit through e2e/runners/. Each case gets a browser of
// its own with a real page lifecycle (see drivers/chromium.ts).
import { test } from '@playwright/test';
import { allCases } from './cases/all-cases';
import { chromiumEngine } from './drivers/chromium';
import { serverUrl } from './support/tabs';

for (const browserCase of allCases) {
  test(browserCase.name, async ({}, testInfo) => {
    const reason = browserCase.unsupported?.chromium;
    test.skip(reason !== undefined, `not in chromium: ${reason}`);
    const session = await chromiumEngine.launch();
    try {
      await browserCase.run({
        engine: 'chromium',
        session,
        url: serverUrl,
        note: (text) => testInfo.annotations.push({ type: 'case', description: text }),
      });
    } finally {
      await session.close();
    }
  });
}

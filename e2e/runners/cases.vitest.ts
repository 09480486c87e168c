// Runs every cross-engine case (e2e/cases/) in the engine named by E2E_ENGINE (set by
// vitest.e2e-firefox.config.ts or vitest.e2e-webkit.config.ts), with fresh storage per case
// (Firefox: a user context of one shared browser; WebKit: a browser of its own).
// A case the engine cannot run is reported as skipped, with the reason.
import { afterAll, inject, test } from 'vitest';
import type { EngineLauncher } from '../drivers/engine';
import { allCases } from '../cases/all-cases';

const engineName = process.env.E2E_ENGINE;

async function launcher(): Promise<EngineLauncher> {
  if (engineName === 'firefox') return (await import('../drivers/firefox')).firefox;
  if (engineName === 'webkit') return (await import('../drivers/webkit')).webkit;
  throw new Error(`E2E_ENGINE must be firefox or webkit, got ${String(engineName)}`);
}

afterAll(async () => {
  await (await launcher()).shutdown?.();
});

for (const browserCase of allCases) {
  const reason = browserCase.unsupported?.[engineName as 'firefox' | 'webkit'];
  if (reason !== undefined) {
    test.skip(`${browserCase.name} [not in ${engineName}: ${reason}]`, () => {});
    continue;
  }
  test(browserCase.name, async ({ annotate }) => {
    const session = await (await launcher()).launch();
    try {
      await browserCase.run({
        engine: session.engine,
        session,
        url: (path) => new URL(path, inject('e2eBaseUrl')).href,
        note: (text) => void annotate(text),
      });
    } finally {
      await session.close();
    }
  });
}

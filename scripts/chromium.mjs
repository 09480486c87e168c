// Which Chromium the browser suites and benchmarks drive, and how it is launched. One place, so
// e2e/ and bench/ always test the same browser with the same flags.
import { accessSync, constants } from 'node:fs';

/**
 * Playwright cannot download browsers on these machines, so everything runs Debian's Chromium.
 * CHROMIUM_PATH lets anyone point it at another build (Playwright's own, a Chrome).
 */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that keep Chromium quiet and steady on a closed network and a small shared machine. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** Launch options for Playwright's `chromium.launch`, `launchPersistentContext` and `use.launchOptions`. */
export const launchOptions = { executablePath: chromiumPath, args: chromiumArgs };

/** Throws a message that says how to get a browser when there is none at `chromiumPath`. */
export function assertBrowserInstalled() {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install Debian's with \`apt-get install chromium\` ` +
        '(Playwright cannot download browsers here), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
}

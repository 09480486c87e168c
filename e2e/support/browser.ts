// Which Chromium the suite drives and how it is launched. Shared by playwright.config.ts and by
// tests that launch a browser of their own (real page lifecycle, back/forward cache).
import { accessSync, constants } from 'node:fs';

/**
 * Playwright cannot download browsers on these machines, so the suite runs Debian's Chromium.
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

/** Launch options for Playwright's `chromium.launch` and `use.launchOptions`. */
export const launchOptions = { executablePath: chromiumPath, args: chromiumArgs };

/** Throws a message that says how to get a browser when there is none at `chromiumPath`. */
export function assertBrowserInstalled(): void {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install Debian's with \`apt-get install chromium\` ` +
        '(Playwright cannot download browsers here), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
}

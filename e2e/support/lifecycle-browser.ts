// A Chromium with a real page lifecycle. Under Playwright's own launch every page stays visible
// and focused (focus emulation) and CDP freezing does nothing. A browser we start ourselves and
// attach to over CDP behaves like a person's: only the front tab is visible, bringToFront()
// fires real visibilitychange events, and Page.setWebLifecycleState freezes and resumes tabs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from '@playwright/test';
import { LAUNCH_DEADLINE_MS, withDeadline } from '../drivers/deadline';
import { chromiumArgs, chromiumPath } from './browser';

export interface LifecycleBrowser {
  browser: Browser;
  /** The profile's own context: its pages share storage and channels, like tabs of one window. */
  context: BrowserContext;
  /** Closes the browser, waits for the process to exit, then deletes the profile. */
  close(): Promise<void>;
}

export async function launchWithRealLifecycle(): Promise<LifecycleBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'local-sync-cache-e2e-'));
  const child = spawn(chromiumPath, ['--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, ...chromiumArgs, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const endpoint = await withDeadline('Chromium start', LAUNCH_DEADLINE_MS, devToolsEndpoint(child));
    const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true, timeout: LAUNCH_DEADLINE_MS });
    return {
      browser,
      context: browser.contexts()[0],
      async close() {
        const session = await browser.newBrowserCDPSession();
        // The connection drops as the browser goes; that is the expected end of this call.
        await session.send('Browser.close').catch(() => {});
        await exited;
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill();
    await exited;
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Reads the `DevTools listening on ws://...` line that Chromium prints on stderr. */
function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    // Keep reading after the line is found: a full pipe would stall the browser.
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`Chromium (${chromiumPath}) exited with ${code} before listening:\n${output}`)));
  });
}

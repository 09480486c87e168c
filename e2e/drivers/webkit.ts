// WebKit: Debian's WebKitGTK MiniBrowser driven by WebKitWebDriver (classic WebDriver) through
// webdriverio in classic mode, under a virtual X display. Each "tab" is a window of the one
// session: windows share BroadcastChannel and IndexedDB, and each session has throwaway storage.
// Minimizing a window makes its page hidden, maximizing it visible again.
//
// Classic WebDriver acts on one current window at a time, so every command here switches to its
// tab's window first, and commands are queued so that two never interleave.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { remote } from 'webdriverio';
import { COMMAND_DEADLINE_MS, LAUNCH_DEADLINE_MS, withDeadline } from './deadline';
import type { EngineLauncher, EngineSession, EngineTab, PageFunction } from './engine';
import { stopGroup } from './processes';
import { startVirtualDisplay, type VirtualDisplay } from './xvfb';

type Browser = WebdriverIO.Browser;

export const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const miniBrowserPath = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export function assertWebKitInstalled(): void {
  for (const path of [webkitDriverPath, miniBrowserPath]) {
    try {
      accessSync(path, constants.X_OK);
    } catch {
      throw new Error(`No ${path}. Install Debian's with \`apt-get install webkit2gtk-driver xvfb xauth\` (or set WEBKIT_DRIVER_PATH / MINIBROWSER_PATH).`);
    }
  }
}

/** Longer than any page function of the cases needs (a service worker's registration, on a loaded machine). */
const SCRIPT_TIMEOUT_MS = 8_000;
/** Longer than a test page on the loopback server takes to load on a loaded machine. */
const PAGE_LOAD_TIMEOUT_MS = 8_000;

/** A free loopback port for the driver: listen on port 0, note the port, close. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The script sent with Execute Async Script: runs the page function, awaits its result and
 * hands back either `{ value }` or `{ error }`, so a page exception becomes a test error with its
 * message instead of a driver error.
 */
function asyncScript(source: string): string {
  return `const done = arguments[arguments.length - 1];
try {
  Promise.resolve((${source})(arguments[0])).then(
    (value) => done({ value: value === undefined ? null : value }),
    (error) => done({ error: String(error && error.stack ? error + '\\n' + error.stack : error) }),
  );
} catch (error) {
  done({ error: String(error && error.stack ? error + '\\n' + error.stack : error) });
}`;
}

class WebKitTab implements EngineTab {
  constructor(
    readonly session: WebKitSession,
    readonly handle: string,
  ) {}

  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    return this.session.inWindow(this, async (browser) => {
      const answer = (await browser.executeAsync(asyncScript(fn.toString()), arg === undefined ? null : arg)) as { value?: R; error?: string };
      if (answer.error !== undefined) throw new Error(`in the page: ${answer.error}`);
      return answer.value as R;
    });
  }

  /** Classic WebDriver's Navigate To waits for the load to complete. */
  goto(url: string): Promise<void> {
    return this.session.inWindow(this, (browser) => browser.url(url).then(() => undefined));
  }

  /** The driver's Back, which waits until the navigation is done, restores from the page cache included. */
  goBack(): Promise<void> {
    return this.session.inWindow(this, (browser) => browser.back());
  }

  close(): Promise<void> {
    return this.session.inWindow(this, (browser) => browser.closeWindow().then(() => undefined));
  }
}

class WebKitSession implements EngineSession {
  readonly engine = 'webkit' as const;
  /** The session's first window, until a tab takes it. */
  #spareWindow: string | undefined;
  #current: string | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(
    readonly browser: Browser,
    readonly version: string,
    firstWindow: string,
    readonly stopProcesses: () => Promise<void>,
  ) {
    this.#spareWindow = firstWindow;
    this.#current = firstWindow;
  }

  /** Runs `command` with `tab`'s window current, after every command queued before it. */
  inWindow<T>(tab: WebKitTab | undefined, command: (browser: Browser) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (tab && this.#current !== tab.handle) {
        await this.browser.switchToWindow(tab.handle);
        this.#current = tab.handle;
      }
      return command(this.browser);
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => {});
    return withDeadline('WebKit command', COMMAND_DEADLINE_MS, result);
  }

  /** Every tab is a window of its own here: `ownWindow` changes nothing. */
  async openTab(url: string): Promise<EngineTab> {
    const handle = await this.inWindow(undefined, async (browser) => {
      if (this.#spareWindow !== undefined) {
        const spare = this.#spareWindow;
        this.#spareWindow = undefined;
        return spare;
      }
      return (await browser.createWindow('window')).handle;
    });
    const tab = new WebKitTab(this, handle);
    await tab.goto(url);
    return tab;
  }

  hide(tab: EngineTab): Promise<void> {
    return this.inWindow(tab as WebKitTab, (browser) => browser.minimizeWindow().then(() => undefined));
  }

  show(tab: EngineTab): Promise<void> {
    return this.inWindow(tab as WebKitTab, (browser) => browser.maximizeWindow().then(() => undefined));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await withDeadline('WebKit deleteSession', 15_000, this.browser.deleteSession());
    } finally {
      await this.stopProcesses();
    }
  }
}

export const webkit: EngineLauncher = {
  engine: 'webkit',
  async launch() {
    assertWebKitInstalled();
    const display: VirtualDisplay = await startVirtualDisplay();
    let driver: ReturnType<typeof spawn> | undefined;
    const stopProcesses = async (): Promise<void> => {
      if (driver) await stopGroup(driver);
      await display.stop();
    };
    try {
      const port = await freePort();
      let driverOutput = '';
      driver = spawn(webkitDriverPath, [`--port=${port}`, '--host=127.0.0.1'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
        env: { ...process.env, DISPLAY: display.display },
      });
      for (const stream of [driver.stdout!, driver.stderr!]) stream.on('data', (chunk: Buffer) => (driverOutput += chunk.toString()));
      const browser = await withDeadline(
        'WebKit session request',
        LAUNCH_DEADLINE_MS,
        remote({
          hostname: '127.0.0.1',
          port,
          logLevel: 'error',
          connectionRetryTimeout: COMMAND_DEADLINE_MS,
          connectionRetryCount: 3,
          capabilities: {
            browserName: 'MiniBrowser',
            // Without this, webdriverio asks for a BiDi session, which WebKitWebDriver refuses.
            'wdio:enforceWebDriverClassic': true,
            'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
          } as WebdriverIO.Capabilities,
        }),
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\nWebKitWebDriver said:\n${driverOutput}`);
      });
      // A command sent while a back/forward navigation is under way first waits for the page to
      // finish loading; a restore from the back/forward cache fires no load, so WebKitWebDriver
      // then waits until the page-load timeout, and every queued command waits behind it. Keep
      // both timeouts short, so such a poll fails soon and is asked again (drivers/wait-for.ts).
      await browser.setTimeout({ script: SCRIPT_TIMEOUT_MS, pageLoad: PAGE_LOAD_TIMEOUT_MS });
      const firstWindow = await browser.getWindowHandle();
      const version = String((browser.capabilities as { browserVersion?: string }).browserVersion ?? 'unknown');
      return new WebKitSession(browser, `WebKitGTK ${version}`, firstWindow, stopProcesses);
    } catch (error) {
      await stopProcesses();
      throw error;
    }
  },
};

// A virtual X display for MiniBrowser, which has no headless mode. Xvfb picks a free display
// number itself (-displayfd), so parallel runs by other engineers never collide on one.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { withDeadline } from './deadline';
import { stopGroup } from './processes';

export interface VirtualDisplay {
  /** The value for DISPLAY, e.g. ":3". */
  readonly display: string;
  stop(): Promise<void>;
}

export const xvfbPath = process.env.XVFB_PATH || '/usr/bin/Xvfb';

export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  try {
    accessSync(xvfbPath, constants.X_OK);
  } catch {
    throw new Error(`No Xvfb at ${xvfbPath}. Install Debian's with \`apt-get install xvfb xauth\`.`);
  }
  // fd 3 receives the display number once the server accepts connections.
  const child = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    const number = await withDeadline(
      'Xvfb start',
      20_000,
      new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdio[3]!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('\n')) resolve(output.trim());
        });
        child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors}`)));
      }),
    );
    return { display: `:${number}`, stop: () => stopGroup(child) };
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
}

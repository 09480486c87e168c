// Helpers for the processes a driver starts itself (WebKitWebDriver, Xvfb): each is started in a
// process group of its own and stopped by that group's id only, so nothing is left behind and no
// other engineer's processes are touched.
import type { ChildProcess } from 'node:child_process';

/** Resolves once `child` has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends SIGTERM to the process group of `child` (started with `detached: true`), then SIGKILL after a grace period. */
export async function stopGroup(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.pid === undefined) return;
  const done = exited(child);
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  if ((await Promise.race([done, late])) === 'late') {
    signalGroup('SIGKILL');
    await done;
  }
  clearTimeout(timer);
  // Children of the group (MiniBrowser's web processes) may outlive its leader by a moment.
  signalGroup('SIGKILL');
}

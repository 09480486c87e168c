// Every launch and session request gets a deadline: WebKitWebDriver, for one, hangs instead of
// failing when it has no display, and a suite that hangs tells nobody what went wrong.

/** Resolves like `promise`, or rejects with a message naming `what` once `ms` have passed. */
export async function withDeadline<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a browser may take to start and hand out a session on a busy two-core machine. */
export const LAUNCH_DEADLINE_MS = 60_000;
/** How long one command (evaluate, navigation, window switch) may take. */
export const COMMAND_DEADLINE_MS = 30_000;

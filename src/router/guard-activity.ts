/**
 * How many router guards are waiting for a check right now. A cache emptied while a guard waits
 * is emptied before the navigation's own data loading starts (guards run first), so a router
 * whose guard phase precedes its data phase (Vue Router's beforeEach before beforeResolve) need
 * not revalidate for it: the navigation already loads fresh data, once.
 */
let waiting = 0;

/** Whether at least one guard is waiting for its check. */
export function guardIsChecking(): boolean {
  return waiting > 0;
}

/** Counts `check` as a guard's wait while it runs. */
export async function asGuardCheck(check: Promise<void>): Promise<void> {
  waiting += 1;
  try {
    await check;
  } finally {
    waiting -= 1;
  }
}

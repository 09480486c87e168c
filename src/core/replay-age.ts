/**
 * The `?age=` of a first connection to the server feed, shared by the browser client that sends it
 * and the server that reads it: whole milliseconds, at most twelve digits (about 31 years).
 */

/** The longest age: older than any stream, so the feed answers it with a reset. */
export const MAX_AGE = 999_999_999_999;

const AGE_PATTERN = /^\d{1,12}$/;

/** `text` as an age in ms; `null` when it is not one (never throws on foreign input). */
export function parseAge(text: string): number | null {
  return AGE_PATTERN.test(text) ? Number(text) : null;
}

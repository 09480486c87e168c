import { describeValue } from '../errors.js';

/** Room left for the key inside a cache id (ids are at most 200 characters). */
const MAX_KEY_TEXT = 180;

/**
 * The cache id of a scope: `tq:` and the key prefix as JSON, e.g. `tq:["todos"]`. Every tab
 * builds the same text from the same scope literal, which is all an id needs.
 */
export function scopeId(scope: readonly unknown[]): string {
  const text = Array.isArray(scope) && scope.length > 0 ? JSON.stringify(scope) : '';
  if (!text || text.length > MAX_KEY_TEXT) {
    throw new TypeError(`local-sync-cache/tanstack-query: each scope must be a non-empty query-key prefix, at most ${MAX_KEY_TEXT} characters as JSON, like ['todos']; got ${describeValue(scope)}.`);
  }
  return `tq:${text}`;
}

/**
 * Whether one key is a prefix of the other, part by part as JSON: then invalidating one touches
 * queries of the other. (TanStack matches object parts partially; scopes made of strings and
 * numbers, as the README advises, compare the same either way.)
 */
export function overlaps(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (JSON.stringify(a[index]) !== JSON.stringify(b[index])) return false;
  }
  return true;
}

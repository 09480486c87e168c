import { describeValue, errorText } from '../errors.js';

/**
 * The cache id of a scope: `tq` and the key prefix as JSON, e.g. `tq["todos"]`. Every tab
 * builds the same text from the same scope literal, which is all an id needs. (LocalSyncCache
 * refuses ids over 200 characters with an error of its own.)
 */
export function scopeId(scope: readonly unknown[]): string {
  const text = Array.isArray(scope) ? JSON.stringify(scope) : '';
  if (text.length < 3) {
    throw new TypeError(errorText('bad-scope', __DEV__ && `local-sync-cache/tanstack-query: options.scopes lists query-key prefixes like [['todos']]; got ${describeValue(scope)}.`));
  }
  return `tq${text}`;
}

/**
 * Whether one key is a prefix of the other, part by part as JSON: then invalidating one touches
 * queries of the other. (TanStack matches object parts partially; scopes made of strings and
 * numbers, as the README advises, compare the same either way.)
 */
export function overlaps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.every((part, index) => index >= b.length || JSON.stringify(part) === JSON.stringify(b[index]));
}

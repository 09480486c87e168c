import { describeValue } from '../errors.js';

/** Room left for the key inside a cache id (ids are at most 200 characters). */
const MAX_KEY_TEXT = 180;

/**
 * The cache id of a scope: `tq:` and the key as JSON with object keys sorted, so
 * `[{ a, b }]` and `[{ b, a }]`, which TanStack Query treats as one key, are one id.
 */
export function scopeId(scope: readonly unknown[]): string {
  const text = JSON.stringify(scope, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as object).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
  if (!Array.isArray(scope) || scope.length === 0 || text.length > MAX_KEY_TEXT) {
    throw new TypeError(
      `local-sync-cache/tanstack-query: a scope must be a non-empty query-key prefix of at most ${MAX_KEY_TEXT} characters as JSON, got ${describeValue(scope)}; ` +
        "use the key's leading parts, e.g. ['todos'].",
    );
  }
  return `tq:${text}`;
}

/**
 * Whether one key is a prefix of the other, compared part by part as JSON: then invalidating
 * one touches queries of the other.
 */
export function overlaps(a: readonly unknown[], b: readonly unknown[]): boolean {
  const shorter = Math.min(a.length, b.length);
  for (let index = 0; index < shorter; index += 1) {
    if (scopeId([a[index]]) !== scopeId([b[index]])) return false;
  }
  return true;
}

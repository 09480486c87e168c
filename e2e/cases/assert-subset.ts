// Node 20's assert has no partial comparison: compare only the fields a case names.
import assert from 'node:assert/strict';

/** Fails unless every field of `expected` equals the same field of `actual` (others are ignored). */
export function assertSubset(actual: object, expected: Record<string, unknown>, message?: string): void {
  const picked = Object.fromEntries(Object.keys(expected).map((key) => [key, (actual as Record<string, unknown>)[key]]));
  assert.deepEqual(picked, expected, message);
}

/**
 * Codes of the errors and warnings that production builds keep. Development builds add a message
 * naming the problem and the fix; production builds carry only the code, which the README's
 * "Errors" list explains, so apps do not ship the teaching prose.
 */
export type ErrorCode =
  | 'bad-id'
  | 'duplicate-id'
  | 'hub-closed'
  | 'cache-disposed'
  | 'store-timeout'
  | 'store-open-timeout'
  | 'store-open-failed'
  | 'not-shared'
  | 'bad-scope'
  | 'no-scope'
  | 'bad-router'
  | 'vue-no-scope'
  | 'no-cache-storage'
  | 'cache-already-bound'
  | 'binding-disposed'
  | 'no-fetch'
  | 'no-worker-scope'
  | 'workbox-cache-name'
  | 'remote-url'
  | 'remote-unreachable'
  | 'no-event-source';

/**
 * The text of an error or warning: the development message followed by its code, or the code
 * alone. Call sites pass `__DEV__ && \`...\``, which a production build folds to `false`, dropping
 * the template and every value it would have described.
 */
export function errorText(code: ErrorCode, message: string | false): string {
  return message ? `${message} [local-sync-cache: ${code}]` : `local-sync-cache: ${code} (see "Errors" in the README)`;
}

/** Describes a value in an error message: its type and, where short, its text. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

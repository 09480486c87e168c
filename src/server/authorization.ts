/**
 * Which clears a client may read. Every clear is published with an optional `scope` (an app, a
 * user, a tenant: any string you choose); the `authorize(req)` hook tells, per request, which
 * scopes that client may read. Clears without a scope go to every authorized client.
 */

/**
 * What `authorize(req)` returns:
 * - `false`: refused (HTTP 403; an EventSource does not retry a 403);
 * - `true`: allowed, clears without a scope only;
 * - an array of scopes, or `{ scopes }`: clears without a scope and clears of these scopes.
 */
export type Authorization = boolean | readonly string[] | { readonly scopes: readonly string[] };

/** `null`: refused; otherwise the scopes the client reads besides unscoped clears. */
export function toScopes(result: unknown): ReadonlySet<string> | null | 'invalid' {
  if (result === false) return null;
  if (result === true) return new Set();
  const list = Array.isArray(result) ? result : (result as { scopes?: unknown } | null)?.scopes;
  if (!Array.isArray(list) || !list.every((scope) => typeof scope === 'string')) return 'invalid';
  return new Set(list as string[]);
}

/**
 * The reserved id whose marker stands for every cache of a hub namespace. Cache ids must be
 * non-empty, so the empty string can never be a cache's own. A namespace-wide clear (the server
 * feed's `reset`) bumps this marker; every hub reads it with its own ids at each check, and when
 * it moves by the protocol's ordinary rows (docs/protocol.md), the hub empties every cache of the
 * namespace as a precaution.
 */
export const NAMESPACE_ID = '';

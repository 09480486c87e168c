/**
 * The wire format of a published clear: the fields of one stream entry (Redis Streams or the
 * embedded stream) and the JSON `data` of the SSE `clear` event built from it. Another backend
 * publishes by writing these fields with XADD (see the README, "Beyond one browser"), so every
 * entry read back is foreign data: it is validated here and a malformed one is skipped.
 *
 * Stream entry fields (all values are strings, as Redis stores them):
 *
 * | field       | required | meaning |
 * |-------------|----------|---------|
 * | `v`         | yes      | format version, `"1"` |
 * | `ids`       | one of   | JSON array of cache ids to clear, e.g. `["page-urls"]` |
 * | `namespace` | one of   | the hub namespace the ids belong to; alone, every cache of it |
 * | `scope`     | no       | who may receive it (see `authorize`); absent: every client |
 * | `time`      | no       | publish time, ms since the epoch (informational) |
 *
 * Unknown fields are ignored, so a later version can add some without breaking older servers.
 */
import { describeValue } from '../errors.js';

/** Entry format version written by `publish()` and the only one read. */
export const FORMAT_VERSION = '1';

/** Bounds that keep one entry (and the SSE event made of it) small. */
export const LIMITS = {
  /** Ids in one clear. */
  ids: 1_000,
  /** Characters of one id, namespace or scope. */
  name: 256,
} as const;

/** What to clear: cache ids, a whole namespace, or ids inside a namespace. */
export interface ClearTarget {
  /** Cache ids (the `id` of each `LocalSyncCache`). */
  ids?: readonly string[];
  /** The hub namespace (`createSyncHub({ namespace })`); alone, it clears every cache of it. */
  namespace?: string;
}

/** A clear as read back from the stream, after validation. */
export interface ClearEntry extends ClearTarget {
  /** The stream id: also the SSE `id:`. */
  id: string;
  /** Who may read it; `undefined`: every client. */
  scope?: string;
  /** Publish time in ms since the epoch, when the publisher gave one. */
  time?: number;
}

/** The JSON `data` of an SSE `clear` event. */
export interface ClearEventData {
  ids?: string[];
  namespace?: string;
  time?: number;
}

const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= LIMITS.name;

/**
 * Checks a `publish()` argument and turns it into stream fields. Throws on a programmer error,
 * naming the problem and the fix.
 */
export function encodeClear(target: ClearTarget & { scope?: string }, now: number): Record<string, string> {
  const where = 'local-sync-cache/server publish()';
  if (target === null || typeof target !== 'object') {
    throw new TypeError(`${where}: expected { ids } or { namespace }, got ${describeValue(target)}; e.g. publish({ ids: ['page-urls'] })`);
  }
  const { ids, namespace, scope } = target;
  if (ids === undefined && namespace === undefined) {
    throw new TypeError(`${where}: nothing to clear; pass ids (e.g. { ids: ['page-urls'] }) or a namespace (e.g. { namespace: 'shop' })`);
  }
  const fields: Record<string, string> = { v: FORMAT_VERSION };
  if (ids !== undefined) {
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > LIMITS.ids) {
      throw new TypeError(`${where}: ids must be a non-empty array of at most ${LIMITS.ids} cache ids, got ${describeValue(ids)}${Array.isArray(ids) ? ` of ${ids.length}` : ''}`);
    }
    const bad = ids.find((id) => !isName(id));
    if (bad !== undefined || ids.some((id) => !isName(id))) {
      throw new TypeError(`${where}: every id must be a non-empty string of at most ${LIMITS.name} characters, got ${describeValue(bad)}`);
    }
    fields.ids = JSON.stringify(ids);
  }
  if (namespace !== undefined) {
    if (!isName(namespace)) throw new TypeError(`${where}: namespace must be a non-empty string of at most ${LIMITS.name} characters, got ${describeValue(namespace)}`);
    fields.namespace = namespace;
  }
  if (scope !== undefined) {
    if (!isName(scope)) throw new TypeError(`${where}: scope must be a non-empty string of at most ${LIMITS.name} characters (or left out for every client), got ${describeValue(scope)}`);
    fields.scope = scope;
  }
  fields.time = String(now);
  return fields;
}

/** Why an entry was skipped; counted in the feed's statistics. */
export type MalformedReason = 'version' | 'ids' | 'namespace' | 'scope' | 'target' | 'time';

/**
 * Validates the fields of one stream entry. Returns the clear, or the reason it is malformed.
 * Reads only own string fields, so a field named `__proto__` or `constructor` changes nothing.
 */
export function decodeClear(id: string, fields: ReadonlyMap<string, string>): ClearEntry | MalformedReason {
  if (fields.get('v') !== FORMAT_VERSION) return 'version';
  const entry: ClearEntry = { id };
  const rawIds = fields.get('ids');
  if (rawIds !== undefined) {
    let ids: unknown;
    try {
      ids = JSON.parse(rawIds);
    } catch {
      return 'ids';
    }
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > LIMITS.ids || !ids.every(isName)) return 'ids';
    entry.ids = ids;
  }
  const namespace = fields.get('namespace');
  if (namespace !== undefined) {
    if (!isName(namespace)) return 'namespace';
    entry.namespace = namespace;
  }
  if (entry.ids === undefined && entry.namespace === undefined) return 'target';
  const scope = fields.get('scope');
  if (scope !== undefined) {
    if (!isName(scope)) return 'scope';
    entry.scope = scope;
  }
  const time = fields.get('time');
  if (time !== undefined) {
    const value = Number(time);
    if (!/^\d{1,16}$/.test(time) || !Number.isSafeInteger(value)) return 'time';
    entry.time = value;
  }
  return entry;
}

/** The SSE `data` of a clear: what a browser needs, without the scope. */
export function clearEventData(entry: ClearEntry): ClearEventData {
  const data: ClearEventData = {};
  if (entry.ids) data.ids = [...entry.ids];
  if (entry.namespace !== undefined) data.namespace = entry.namespace;
  if (entry.time !== undefined) data.time = entry.time;
  return data;
}

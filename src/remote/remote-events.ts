/**
 * Server events as foreign data: the wire format of `local-sync-cache/server` (README, "Beyond one
 * browser"), checked field by field. Anything else is `null` and counted by the caller.
 */
import { parseStreamId } from '../core/stream-id.js';

const MAX_NAME = 256;
const MAX_IDS = 1_000;

/** Whether `value` is a stream id (`<ms>-<seq>`), by the server's own grammar. */
export function isStreamId(value: unknown): value is string {
  return parseStreamId(value) !== null;
}

/** A `clear` event's data. */
export interface RemoteClear {
  ids?: string[];
  namespace?: string;
}

const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME;

function parse(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'string' || data.length > 300_000) return null;
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function parseClear(data: unknown): RemoteClear | null {
  const value = parse(data);
  if (!value) return null;
  const clear: RemoteClear = {};
  if (Object.hasOwn(value, 'ids')) {
    const ids = value.ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_IDS || !ids.every(isName)) return null;
    clear.ids = ids as string[];
  }
  if (Object.hasOwn(value, 'namespace')) {
    if (!isName(value.namespace)) return null;
    clear.namespace = value.namespace;
  }
  return clear.ids || clear.namespace !== undefined ? clear : null;
}

/** A `ready` event's cursor, or `null`. */
export function parseReady(data: unknown): string | null {
  const value = parse(data);
  return value && isStreamId(value.cursor) ? value.cursor : null;
}

/**
 * Raw Redis replies, read defensively: a reply is foreign data (another version, RESP2 or RESP3, a
 * stream written by another program), so every shape is checked and anything unexpected becomes
 * `null` instead of an exception deep inside the read loop.
 */
import type { RawEntry } from './clear-stream.js';

/** Field/value pairs of a flat array (RESP2), a Map or a plain object (RESP3), keyed safely. */
export function toPairs(reply: unknown): Map<string, unknown> | null {
  const pairs = new Map<string, unknown>();
  if (Array.isArray(reply)) {
    if (reply.length % 2 !== 0) return null;
    for (let index = 0; index < reply.length; index += 2) {
      const key = text(reply[index]);
      if (key === null) return null;
      pairs.set(key, reply[index + 1]);
    }
    return pairs;
  }
  if (reply instanceof Map) {
    for (const [key, value] of reply) {
      const name = text(key);
      if (name === null) return null;
      pairs.set(name, value);
    }
    return pairs;
  }
  if (reply !== null && typeof reply === 'object') {
    for (const key of Object.keys(reply)) pairs.set(key, (reply as Record<string, unknown>)[key]);
    return pairs;
  }
  return null;
}

let utf8: TextDecoder | undefined;

/** A string or Buffer reply as text; `null` otherwise. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  // Clients created with RESP3 type mappings or `returnBuffers` hand back bytes.
  if (value instanceof Uint8Array) return (utf8 ??= new TextDecoder()).decode(value);
  return null;
}

/** An integer reply (RESP2 numbers, or strings from some clients); `null` otherwise. */
export function integer(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return null;
}

/**
 * One stream entry `[id, [field, value, ...]]`. Fields whose value is not text are left out;
 * decodeClear then refuses the entry if a required one is missing.
 */
export function toEntry(reply: unknown): RawEntry | null {
  if (!Array.isArray(reply) || reply.length !== 2) return null;
  const id = text(reply[0]);
  const pairs = toPairs(reply[1] ?? []);
  if (id === null || pairs === null) return null;
  const fields = new Map<string, string>();
  for (const [key, value] of pairs) {
    const valueText = text(value);
    if (valueText !== null) fields.set(key, valueText);
  }
  return { id, fields };
}

/** A list of entries (XRANGE, or one stream of XREAD); malformed ones are counted by the caller. */
export function toEntries(reply: unknown): { entries: RawEntry[]; malformed: number } {
  const entries: RawEntry[] = [];
  let malformed = 0;
  if (!Array.isArray(reply)) return { entries, malformed: reply === null ? 0 : 1 };
  for (const item of reply) {
    const entry = toEntry(item);
    if (entry) entries.push(entry);
    else malformed += 1;
  }
  return { entries, malformed };
}

/** The entries of `key` in an XREAD reply (RESP2 `[[key, entries]]` or RESP3 `{ key: entries }`). */
export function xreadEntries(reply: unknown, key: string): unknown {
  if (reply === null || reply === undefined) return null;
  if (Array.isArray(reply)) {
    const stream = reply.find((item) => Array.isArray(item) && text(item[0]) === key) as unknown[] | undefined;
    return stream ? stream[1] : null;
  }
  return toPairs(reply)?.get(key) ?? null;
}

/**
 * Where a client resumes from. A reconnecting EventSource sends the `Last-Event-ID` header; a new
 * EventSource cannot set headers, so a page passes its saved cursor as `?lastEventID=`. A page
 * that has no cursor yet (its browser never connected) passes its age as `?age=<ms>`: it may hold
 * data fetched that long ago, so the clears published since are replayed to it. All of them are
 * foreign input: the header wins when present (it is the browser's own, newer record), then
 * `lastEventID`, then `age`.
 */
import type { RequestLike } from './http-types.js';
import { parseAge } from '../core/replay-age.js';
import { formatStreamId, parseStreamId } from '../core/stream-id.js';

/** The cursor of a request: none, a valid stream id, an age in ms, or something that is not one. */
export type RequestCursor = { kind: 'none' } | { kind: 'id'; id: string } | { kind: 'age'; age: number } | { kind: 'malformed' };

/** Longest header or query value looked at; ids are at most 41 characters. */
const MAX_LENGTH = 64;

export function readCursor(request: RequestLike): RequestCursor {
  const header = request.headers['last-event-id'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  let value: string | null | undefined = fromHeader;
  let age: string | null = null;
  if (value === undefined || value === '') {
    value = null;
    const url = typeof request.url === 'string' ? request.url : '';
    const query = url.indexOf('?');
    if (query >= 0) {
      try {
        // The last of each: the client appends its own after whatever the app's URL carries.
        const parameters = new URLSearchParams(url.slice(query + 1));
        value = parameters.getAll('lastEventID').at(-1) ?? null;
        age = parameters.getAll('age').at(-1) ?? null;
      } catch {
        return { kind: 'malformed' };
      }
    }
  }
  if (value === null || value === '') {
    if (age === null) return { kind: 'none' };
    const parsed = parseAge(age);
    return parsed === null ? { kind: 'malformed' } : { kind: 'age', age: parsed };
  }
  if (value.length > MAX_LENGTH) return { kind: 'malformed' };
  const parsed = parseStreamId(value.trim());
  return parsed ? { kind: 'id', id: formatStreamId(parsed) } : { kind: 'malformed' };
}

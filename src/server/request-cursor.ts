/**
 * Where a client resumes from. A reconnecting EventSource sends the `Last-Event-ID` header; a new
 * EventSource cannot set headers, so a page passes its saved cursor as `?lastEventID=`. Both are
 * foreign input: the header wins when both are present (it is the browser's own, newer record).
 */
import type { RequestLike } from './http-types.js';
import { formatStreamId, parseStreamId } from '../core/stream-id.js';

/** The cursor of a request: none, a valid stream id, or something that is not one. */
export type RequestCursor = { kind: 'none' } | { kind: 'id'; id: string } | { kind: 'malformed' };

/** Longest header or query value looked at; ids are at most 41 characters. */
const MAX_LENGTH = 64;

export function readCursor(request: RequestLike): RequestCursor {
  const header = request.headers['last-event-id'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  let value: string | null | undefined = fromHeader;
  if (value === undefined || value === '') {
    value = null;
    const url = typeof request.url === 'string' ? request.url : '';
    const query = url.indexOf('?');
    if (query >= 0) {
      try {
        value = new URLSearchParams(url.slice(query + 1)).get('lastEventID');
      } catch {
        return { kind: 'malformed' };
      }
    }
  }
  if (value === null || value === '') return { kind: 'none' };
  if (value.length > MAX_LENGTH) return { kind: 'malformed' };
  const parsed = parseStreamId(value.trim());
  return parsed ? { kind: 'id', id: formatStreamId(parsed) } : { kind: 'malformed' };
}

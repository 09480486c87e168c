// Programmer errors throw at once with the problem and the fix; foreign input is never trusted.
import { describe, expect, it } from 'vitest';
import { createClearFeed, createMemoryStream, createRedisStream } from '../../src/server/index.js';
import { decodeClear } from '../../src/server/clear-entry.js';
import { readCursor } from '../../src/server/request-cursor.js';
import { compareStreamIds, parseStreamId } from '../../src/core/stream-id.js';

describe('programmer errors', () => {
  it('publish() refuses what it cannot send, naming the fix', async () => {
    const feed = createClearFeed();
    await expect(feed.publish({} as never)).rejects.toThrow(/nothing to clear; pass ids .* or a namespace/);
    await expect(feed.publish({ ids: [] })).rejects.toThrow(/ids must be a non-empty array/);
    await expect(feed.publish({ ids: ['ok', 5 as never] })).rejects.toThrow(/every id must be a non-empty string.*number 5/);
    await expect(feed.publish({ ids: 'page-urls' as never })).rejects.toThrow(/ids must be a non-empty array/);
    await expect(feed.publish({ namespace: '' })).rejects.toThrow(/namespace must be a non-empty string/);
    await expect(feed.publish({ ids: ['a'], scope: 42 as never })).rejects.toThrow(/scope must be a non-empty string .*or left out/);
    await expect(feed.publish(null as never)).rejects.toThrow(/expected \{ ids \} or \{ namespace \}, got null/);
    expect(feed.statistics().published).toBe(0);
    await feed.close();
    await expect(feed.publish({ ids: ['a'] })).rejects.toThrow(/the feed is closed; create a new one/);
  });

  it('createClearFeed(), createMemoryStream() and createRedisStream() refuse bad options', () => {
    expect(() => createClearFeed({ heartbeat: -1 })).toThrow(/heartbeat must be a non-negative integer/);
    expect(() => createClearFeed({ authorize: 'yes' as never })).toThrow(/authorize must be a function/);
    expect(() => createClearFeed({ stream: {} as never })).toThrow(/stream must come from createMemoryStream\(\) or createRedisStream\(\)/);
    expect(() => createMemoryStream({ maxLength: 0 })).toThrow(/maxLength must be a positive integer/);
    expect(() => createRedisStream({ client: {} as never })).toThrow(/client must be a node-redis client .*missing sendCommand, duplicate, on/);
    expect(() => createRedisStream(undefined as never)).toThrow(/expected \{ client \}/);
  });

  it('the handler throws when it is not given a request and a response', () => {
    const feed = createClearFeed();
    expect(() => feed.handler(undefined, undefined)).toThrow(/expected \(req, res\) from node:http, Express or Fastify/);
  });

  it('the handler answers 500 when authorize() returns something that is not an authorization', async () => {
    const errors: unknown[] = [];
    const feed = createClearFeed({ authorize: () => 'admin' as never, onError: (error) => errors.push(error) });
    let status = 0;
    const response = { writeHead: (code: number) => (status = code), write: () => true, end: () => undefined, on: () => undefined };
    await feed.handler({ headers: {}, on: () => undefined, url: '/clears' }, response);
    expect(status).toBe(500);
    expect(String(errors[0])).toMatch(/authorize\(req\) must return true, false, an array of scope strings or \{ scopes \}/);
  });
});

describe('foreign input', () => {
  it('reads cursors only from a well-formed Last-Event-ID or lastEventID', () => {
    const request = (url: string, headers: Record<string, string> = {}) => ({ url, headers, on: () => undefined });
    expect(readCursor(request('/clears'))).toEqual({ kind: 'none' });
    expect(readCursor(request('/clears?lastEventID=0017-3'))).toEqual({ kind: 'id', id: '17-3' });
    expect(readCursor(request('/clears?lastEventID=5-1', { 'last-event-id': '6-0' }))).toEqual({ kind: 'id', id: '6-0' });
    for (const bad of ['abc', '1-', '-1', '1-2-3', '99999999999999999999999-0', '18446744073709551616-0', '1.5-0', ' 1-0x']) {
      expect(readCursor(request(`/clears?lastEventID=${encodeURIComponent(bad)}`)), bad).toEqual({ kind: 'malformed' });
    }
    expect(readCursor(request(`/clears?lastEventID=${'1'.repeat(100)}`))).toEqual({ kind: 'malformed' });
  });

  it('reads a first connection\'s age only as whole ms, and only without a cursor', () => {
    const request = (url: string, headers: Record<string, string> = {}) => ({ url, headers, on: () => undefined });
    expect(readCursor(request('/clears?age=0'))).toEqual({ kind: 'age', age: 0 });
    expect(readCursor(request('/clears?age=4200'))).toEqual({ kind: 'age', age: 4200 });
    expect(readCursor(request('/clears?age=4200&lastEventID=5-1'))).toEqual({ kind: 'id', id: '5-1' });
    expect(readCursor(request('/clears?age=4200', { 'last-event-id': '6-0' }))).toEqual({ kind: 'id', id: '6-0' });
    // The client appends its own after whatever the app's URL carries: the last one counts.
    expect(readCursor(request('/clears?age=5&x=1&age=4200'))).toEqual({ kind: 'age', age: 4200 });
    expect(readCursor(request('/clears?lastEventID=1-0&lastEventID=2-0'))).toEqual({ kind: 'id', id: '2-0' });
    for (const bad of ['', '-1', '1.5', '1e3', 'abc', ' 12', '9'.repeat(13)]) {
      expect(readCursor(request(`/clears?age=${encodeURIComponent(bad)}`)), bad).toEqual({ kind: 'malformed' });
    }
  });

  it('orders stream ids as numbers, not strings', () => {
    expect(compareStreamIds(parseStreamId('9-0')!, parseStreamId('10-0')!)).toBeLessThan(0);
    expect(compareStreamIds(parseStreamId('10-2')!, parseStreamId('10-10')!)).toBeLessThan(0);
    expect(parseStreamId('18446744073709551615-18446744073709551615')).not.toBeNull();
  });

  it('decodes only well-formed entries, ignoring unknown and prototype-named fields', () => {
    const fields = (record: Record<string, string>) => new Map(Object.entries(record));
    expect(decodeClear('1-0', fields({ v: '1', ids: '["a"]', extra: 'ignored' }))).toEqual({ id: '1-0', ids: ['a'] });
    expect(decodeClear('1-0', new Map([['v', '1'], ['__proto__', '{"polluted":true}'], ['namespace', 'shop']]))).toEqual({ id: '1-0', namespace: 'shop' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decodeClear('1-0', fields({ v: '1', ids: '{"0":"a","length":1}' }))).toBe('ids');
    expect(decodeClear('1-0', fields({ v: '1', ids: JSON.stringify(Array.from({ length: 1_001 }, (_, index) => `id${index}`)) }))).toBe('ids');
    expect(decodeClear('1-0', fields({ ids: '["a"]' }))).toBe('version');
    expect(decodeClear('1-0', fields({ v: '1', ids: '["a"]', time: '1e3' }))).toBe('time');
  });
});

/**
 * The SSE events the feed sends, as text. Event names and `data` JSON are part of the wire format
 * (README, "Beyond one browser"); `remote` reads exactly these.
 *
 * - `event: clear`, `id: <stream id>`, `data: {"ids":[...]}` / `{"namespace":"..."}` (+ `"time"`)
 * - `event: reset`, `id: <head>`, `data: {"reason":"trimmed"|"recreated"|"malformed"}`: entries may
 *   be lost; empty every cache, then continue from `id`.
 * - `event: ready`, `id: <cursor>`, `data: {"cursor":"<cursor>"}`: caught up; save the cursor.
 * - `event: heartbeat` (or `: heartbeat` comments with `heartbeatEvent: false`) keep proxies and the
 *   client's staleness check alive; `retry: <ms>` sets the reconnection delay.
 */
import type { ClearEventData } from './clear-entry.js';
import type { GapReason } from './clear-stream.js';

export function clearFrame(id: string, data: ClearEventData): string {
  return `id: ${id}\nevent: clear\ndata: ${JSON.stringify(data)}\n\n`;
}

export function resetFrame(head: string, reason: GapReason): string {
  return `id: ${head}\nevent: reset\ndata: ${JSON.stringify({ reason })}\n\n`;
}

export function readyFrame(cursor: string): string {
  return `id: ${cursor}\nevent: ready\ndata: ${JSON.stringify({ cursor })}\n\n`;
}

export function heartbeatFrame(asEvent: boolean, time: number): string {
  return asEvent ? `event: heartbeat\ndata: ${JSON.stringify({ time })}\n\n` : `: heartbeat ${time}\n\n`;
}

export function retryFrame(ms: number): string {
  return `retry: ${ms}\n\n`;
}

/**
 * The request and response the SSE handler works with, described structurally: node:http's
 * IncomingMessage and ServerResponse fit, and so do Express' (which extend them). Fastify passes its
 * own wrappers; `unwrapFastify` finds the node objects inside. No import of node:http, so the types
 * of this entry need no @types/node in the app.
 */

/** The parts of node:http's IncomingMessage the handler reads. */
export interface RequestLike {
  /** Path and query, e.g. `/clears?lastEventID=1700000000000-0`. */
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  httpVersionMajor?: number;
  on(event: 'close', listener: () => void): unknown;
}

/** The parts of node:http's ServerResponse the handler writes. */
export interface ResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: string): boolean;
  end(chunk?: string): unknown;
  flushHeaders?(): void;
  /** Added by compression middleware: pushes what it buffered. */
  flush?(): void;
  destroy?(error?: Error): unknown;
  on(event: 'close', listener: () => void): unknown;
  readonly headersSent?: boolean;
  readonly writableEnded?: boolean;
  readonly destroyed?: boolean;
  readonly writableLength?: number;
  readonly socket?: { setNoDelay?(noDelay?: boolean): unknown; setTimeout?(ms: number): unknown } | null;
}

/** What Fastify passes as (request, reply). */
interface FastifyPair {
  request: { raw: RequestLike };
  reply: { raw: ResponseLike; hijack(): unknown };
}

/** The node request/response behind `req` and `res`: Fastify's reply is hijacked so Fastify stops managing it. */
export function unwrapFastify(req: unknown, res: unknown): { request: RequestLike; response: ResponseLike } {
  const reply = res as Partial<FastifyPair['reply']> | null;
  if (reply && typeof reply === 'object' && typeof reply.hijack === 'function' && reply.raw && typeof reply.raw === 'object') {
    reply.hijack();
    const request = (req as Partial<FastifyPair['request']>)?.raw ?? (req as RequestLike);
    return { request, response: reply.raw };
  }
  return { request: req as RequestLike, response: res as ResponseLike };
}

/** Whether `value` can be written to like a ServerResponse. */
export function isResponse(value: unknown): value is ResponseLike {
  const response = value as Partial<ResponseLike> | null;
  return response !== null && typeof response === 'object' && typeof response.writeHead === 'function' && typeof response.write === 'function' && typeof response.end === 'function';
}

/** Whether `value` can be read like an IncomingMessage. */
export function isRequest(value: unknown): value is RequestLike {
  const request = value as Partial<RequestLike> | null;
  return request !== null && typeof request === 'object' && typeof request.headers === 'object' && request.headers !== null && typeof request.on === 'function';
}

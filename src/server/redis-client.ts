/**
 * The part of a node-redis (`redis` 4-6) client this package uses, described structurally so that
 * `redis` stays an optional peer dependency: nothing here imports it, at run time or for types.
 * Commands go through `sendCommand` and their raw replies are parsed in `redis-reply.ts`, so the
 * stream does not depend on how a node-redis version reshapes replies.
 */
export interface RedisClientLike {
  /** Sends one command; resolves to the raw reply. */
  sendCommand(args: readonly string[]): Promise<unknown>;
  /** A new, unconnected client with the same options: the stream reads on one of its own. */
  duplicate(): RedisClientLike;
  /** Opens the connection of a duplicate. */
  connect(): Promise<unknown>;
  /** Closes at once, rejecting a pending blocking read (node-redis >= 4.6: `destroy()`; older: `disconnect()`). */
  destroy?(): unknown;
  disconnect?(): Promise<unknown>;
  /** node-redis emits `error` on connection trouble; an emitter without a listener would crash the process. */
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/** Whether `value` looks like a node-redis client; checked once, with a teaching error. */
export function assertRedisClient(value: unknown): asserts value is RedisClientLike {
  const client = value as Partial<RedisClientLike> | null;
  const missing = ['sendCommand', 'duplicate', 'on'].filter((name) => typeof (client as Record<string, unknown> | null)?.[name] !== 'function');
  if (client === null || typeof client !== 'object' || missing.length > 0) {
    throw new TypeError(
      `local-sync-cache/server createRedisStream(): client must be a node-redis client (npm "redis" 4-6), missing ${missing.join(', ') || 'an object'}; ` +
        'e.g. const client = await createClient({ url }).connect(); createRedisStream({ client })',
    );
  }
}

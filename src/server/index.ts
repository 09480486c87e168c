export { createClearFeed, type ClearFeed, type ClearFeedOptions, type ClearFeedStatistics, type ClearFeedHandler } from './clear-feed.js';
export type { Authorization } from './authorization.js';
export { createMemoryStream, type MemoryStreamOptions } from './memory-stream.js';
export { createRedisStream, type RedisStreamOptions } from './redis-stream.js';
export type { RedisClientLike } from './redis-client.js';
export type { ClearStream, RawEntry, Backlog, GapReason, StreamSink } from './clear-stream.js';
export type { ClearTarget, ClearEventData, MalformedReason } from './clear-entry.js';
export { FORMAT_VERSION } from './clear-entry.js';
export type { RequestLike, ResponseLike } from './http-types.js';

export { syncQueryInvalidation, type QueryInvalidationOptions, type QueryInvalidationSync } from './sync-query-invalidation.js';
export type { QueryClientLike, QueryLike } from './query-client-like.js';

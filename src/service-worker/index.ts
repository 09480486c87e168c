export {
  bindCacheStorage,
  type CacheStorageBinding,
  type BindCacheStorageOptions,
  type BindingPutOptions,
  type CacheStorageBindingInformation,
} from './cache-storage-binding.js';
export { checkOnFetch, type CheckOnFetchOptions } from './check-on-fetch.js';
export { getFetchCheck } from './default-fetch-check.js';
export { createFetchCheck, type FetchCheck, type FetchCheckOptions, type FetchCheckStatistics } from './fetch-check.js';
export type { FetchStrategy } from './fetch-strategy.js';
export type { Timers } from '../core/timers.js';
export type { EventScope } from '../environment.js';
export type { ExtendableEventLike, FetchEventLike } from './worker-events.js';
export type { WorkboxCallbackParam, WorkboxPlugin } from './workbox-plugin.js';

export { useLocalSyncCache } from './use-local-sync-cache.js';
export { useCachedValue, type CachedValueState } from './use-cached-value.js';

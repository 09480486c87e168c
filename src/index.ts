export { LocalSyncCache, type LocalSyncCacheOptions } from './local-sync-cache.js';
export { createSyncHub, type SyncHub, type SyncHubOptions, type CheckResult, type HubDiagnostics, type Logger } from './hub/sync-hub.js';
export { checkAll, getDefaultHub } from './hub/default-hub.js';
export { getCacheInformation, formatCacheInformation, type CacheInformationRow } from './cache-information.js';
export type { ClearCause, ClearEvent } from './clear-cause.js';
export type { Marker } from './core/marker.js';
export type { SharedStore, SharingMode } from './shared-store/shared-store.js';
export type { Notifier } from './notifier/notifier.js';
export { installAutoCheck, type AutoCheckOptions } from './auto-check.js';

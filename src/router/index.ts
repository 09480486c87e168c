export { checkCachesBeforeEach } from './vue-router.js';
export { withCacheCheck, cacheCheckMiddleware } from './react-router.js';
export { checkCachesBeforeLoad } from './tanstack-router.js';
export { checkCachesBefore } from './navigation-api.js';
export { createCheckWaiter, type GuardOptions } from './wait-for-check.js';

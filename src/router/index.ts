export { checkCachesBeforeEach, type VueRouterLike } from './vue-router.js';
export { withCacheCheck, cacheCheckMiddleware, type ReactRouterLike } from './react-router.js';
export { checkCachesBeforeLoad, type TanStackRouterLike } from './tanstack-router.js';
export { checkCachesBefore } from './navigation-api.js';
export { createCheckWaiter, type GuardOptions } from './wait-for-check.js';
export { revalidateOnClear, type RevalidatingRouter } from './revalidate-on-clear.js';
export type { Emptiable } from './on-caches-emptied.js';

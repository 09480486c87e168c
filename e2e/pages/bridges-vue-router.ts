// A Vue Router 4 app whose route data is fetched in `beforeResolve`, the place Vue Router's docs
// give for it, with checkCachesBeforeEach() and revalidateOnClear(), as the README shows. See
// shared/bridges-app.ts for the data.
import { createApp, defineComponent, h, shallowRef } from 'vue';
import { createRouter, createWebHashHistory, RouterLink, RouterView } from 'vue-router';
import { checkCachesBeforeEach, revalidateOnClear } from 'local-sync-cache/router';
import { createBridgesApp } from './shared/bridges-app';

let navigating = false;
const app = createBridgesApp(() => !navigating);
const routeData = shallowRef('');
const Leaf = defineComponent(() => () => h('main', { id: 'data' }, routeData.value));

const router = createRouter({ history: createWebHashHistory(), routes: [{ path: '/', redirect: '/a' }, { path: '/a', component: Leaf }, { path: '/b', component: Leaf }] });
router.beforeEach(() => {
  navigating = true;
});
router.beforeEach(checkCachesBeforeEach({ hub: app.hub }));
router.beforeResolve(async (to) => {
  routeData.value = await app.load(to.path.slice(1));
});
router.afterEach(() => {
  navigating = false;
});
revalidateOnClear(router, [app.cache]);

const Root = defineComponent(() => () => h('div', null, [h('nav', null, [h(RouterLink, { id: 'to-a', to: '/a' }, () => 'a'), ' ', h(RouterLink, { id: 'to-b', to: '/b' }, () => 'b')]), h(RouterView)]));
createApp(Root).use(router).mount('#root');

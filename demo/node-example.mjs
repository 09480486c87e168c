// A small Node example: two "tabs" (hubs) share a page-URL cache through an in-memory store
// and channel. Run with `npm start` after `npm run build`.
import { createMemoryBus, createMemoryStore, createSyncHub, LocalSyncCache } from '../dist/index.js';

const store = createMemoryStore();
const bus = createMemoryBus();
const tabA = createSyncHub({ store, notifier: bus.connect() });
const tabB = createSyncHub({ store, notifier: bus.connect() });

const urlsInA = new LocalSyncCache('page-urls', { hub: tabA });
const urlsInB = new LocalSyncCache('page-urls', { hub: tabB });
urlsInA.set(1, '/about/');
urlsInB.set(1, '/about/');

console.log('before the rename, tab B has', urlsInB.get(1));
await urlsInA.clear(); // tab A renamed the page
await new Promise((resolve) => setTimeout(resolve, 10));
console.log('after tab A cleared, tab B has', urlsInB.get(1) ?? '(nothing: it will recompute)');
console.table(tabB.getCacheInformation());
tabA.close();
tabB.close();

// Every cross-engine case, in the order the runners run them.
import { backForwardCacheListenerOrder, backForwardCacheRestore } from './back-forward-cache';
import { bfcacheOpenChannel } from './bfcache-open-channel';
import type { BrowserCase } from './browser-case';
import { frozenTabCatchUp } from './frozen-tab-catch-up';
import { hiddenTabCatchUp } from './hidden-tab-catch-up';
import { randomOperations } from './random-operations';
import { serviceWorkerClearsTabs, serviceWorkerHeardClear, serviceWorkerStopped, serviceWorkerUnheardClear } from './service-worker';
import { spaNavigationCatchUp } from './spa-navigation-catch-up';
import { strictCsp } from './strict-csp';
import { storageWipedBetweenClears, storageWipedDuringClears } from './storage-wiped';
import { twoTabs } from './two-tabs';
import { withoutIndexedDB } from './without-indexeddb';

export const allCases: BrowserCase[] = [
  twoTabs,
  randomOperations,
  hiddenTabCatchUp,
  frozenTabCatchUp,
  spaNavigationCatchUp,
  ...withoutIndexedDB,
  storageWipedBetweenClears,
  storageWipedDuringClears,
  strictCsp,
  backForwardCacheRestore,
  backForwardCacheListenerOrder,
  bfcacheOpenChannel,
  serviceWorkerHeardClear,
  serviceWorkerUnheardClear,
  serviceWorkerClearsTabs,
  serviceWorkerStopped,
];

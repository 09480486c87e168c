// Case 6: IndexedDB is missing or refuses to work (old or locked-down browsers, private modes,
// sandboxed frames). An init script breaks it before the page runs. The page still works, live
// tabs still hear clears, the library warns once per tab, and getCacheInformation() says
// honestly that markers are not shared (`sharing: 'local-only'`).
import { expect, test } from './support/fixtures';
import { openTab } from './support/tabs';

interface Breakage {
  name: string;
  /** Runs in every page before its scripts. */
  script: () => void;
  /** Tab query: the default hub where possible; a short store deadline where IndexedDB never answers. */
  query: string;
  /** Whether the library also reports the store's failure through onError (console.error by default). */
  reportsError: boolean;
}

const breakages: Breakage[] = [
  {
    name: 'indexedDB is absent',
    script: () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    },
    query: '',
    reportsError: false,
  },
  {
    name: 'reading indexedDB throws, as in a sandboxed frame',
    script: () => {
      Object.defineProperty(window, 'indexedDB', {
        configurable: true,
        get() {
          throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
        },
      });
    },
    query: '',
    reportsError: false,
  },
  {
    name: 'open() throws',
    script: () => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      };
    },
    query: '',
    reportsError: true,
  },
  {
    name: 'open() fails with an error event',
    script: () => {
      // The database is first created at version 5, so the library's open at version 1
      // (queued behind it) fails asynchronously with a VersionError.
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (this: IDBFactory, name: string) {
        open.call(this, name, 5).onsuccess = (event) => (event.target as IDBOpenDBRequest).result.close();
        return open.call(this, name, 1);
      };
    },
    query: '',
    reportsError: true,
  },
  {
    name: 'open() never answers',
    script: () => {
      // A request whose events never fire, as when another tab blocks the open forever.
      IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest;
    },
    query: '?ns=hang&storeTimeout=200',
    reportsError: true,
  },
];

for (const breakage of breakages) {
  test(`${breakage.name}: one warning per tab, the page works, and sharing is reported as local-only`, async ({ context, browserLog }) => {
    await context.addInitScript(breakage.script);
    if (breakage.reportsError) browserLog.allowErrors(/^local-sync-cache: /);
    const tabA = await openTab(context, breakage.query);
    const tabB = await openTab(context, breakage.query);

    // Several clears and checks in each tab: however often the store is asked, the warning comes once.
    for (let round = 0; round < 3; round++) {
      await tabB.evaluate((label) => window.tab.fill(3, label), `round-${round}`);
      await tabA.evaluate(() => window.tab.clear());
      // Live tabs still hear the clear at once over the channel.
      await tabB.waitForFunction(() => window.tab.cache.size === 0);
      await tabB.evaluate(() => window.tab.clear());
      await tabA.evaluate(() => window.tab.checkAll());
      await tabB.evaluate(() => window.tab.checkAll());
    }

    for (const page of [tabA, tabB]) {
      const [row] = await page.evaluate(() => window.tab.rows());
      expect(row).toMatchObject({ id: 'items', sharing: 'local-only', ownClears: 3, externalClears: 3 });
    }
    const warnings = browserLog.ofType('warning', 'local-sync-cache');
    expect(warnings).toHaveLength(2);
    expect(warnings[0].text).toContain('markers are not shared');
    expect(browserLog.ofType('error', 'local-sync-cache')).toHaveLength(breakage.reportsError ? 2 : 0);
  });
}

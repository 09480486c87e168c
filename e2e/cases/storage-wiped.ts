// IndexedDB wiped while the app runs (the library's database deleted, as when a person clears
// site data; see wipe-database.ts for how). Nothing crashes, the tab that wrote the marker
// re-saves it, and a clear after the wipe still reaches a tab that missed its nudge. A second
// case wipes in the middle of a run of clears: every clear still reaches the live tab, and
// sharing stays on.
import assert from 'node:assert/strict';
import type { EngineTab } from '../drivers/engine';
import { waitFor } from '../drivers/wait-for';
import { assertNoProblems, openAppTab, probeRecord, uniqueNamespace } from './app-tab';
import type { BrowserCase } from './browser-case';
import { readMarker } from './raw-marker';
import { deleteStoreDatabase } from './wipe-database';

async function warningsOf(tabs: EngineTab[]): Promise<string[]> {
  const records = await Promise.all(tabs.map(probeRecord));
  return records.flatMap((record) => record.console.filter((entry) => entry.type === 'warn').map((entry) => entry.text));
}

export const storageWipedBetweenClears: BrowserCase = {
  name: 'after a wipe, the clearing tab re-saves its marker under a fresh epoch, and a later clear still empties a tab that missed the nudge',
  async run(context) {
    const namespace = uniqueNamespace('wipe');
    const query = `?ns=${namespace}&notifier=test`;
    const clearing = await openAppTab(context, query);
    const missing = await openAppTab(context, query);
    await clearing.evaluate(() => window.tab.clear());
    await waitFor(missing, 'the first nudge', () => window.tab.causes.length === 1);
    await missing.evaluate(() => window.tab.checkAll());
    const marker = await readMarker(clearing, namespace, 'items');
    assert.equal(marker?.gen, 1);

    const { blocked } = await deleteStoreDatabase(clearing, namespace);
    context.note(`the delete was ${blocked ? '' : 'not '}blocked before the library closed its connections`);
    assert.equal(await readMarker(clearing, namespace, 'items'), null);

    // The tab that finds its marker lost puts it back on its next check, as the seed re-saves its
    // reset time: the same generation, clear and time, under a fresh epoch (docs/protocol.md, R3).
    await clearing.evaluate(() => window.tab.checkAll());
    const resaved = await readMarker(clearing, namespace, 'items');
    assert.deepEqual({ gen: resaved?.gen, by: resaved?.by, time: resaved?.time }, { gen: marker!.gen, by: marker!.by, time: marker!.time });
    assert.notEqual(resaved!.epoch, marker!.epoch);
    // The other tab cannot tell what the wipe lost: it empties once, as a counted precaution.
    await missing.evaluate(() => window.tab.fill(3, 'before-its-check'));
    await missing.evaluate(() => window.tab.checkAll());
    assert.equal(await missing.evaluate(() => window.tab.cache.size), 0);
    await missing.evaluate(() => window.tab.fill(3, 'after-the-wipe'));
    await missing.evaluate(() => window.tab.checkAll());
    assert.equal(await missing.evaluate(() => window.tab.cache.size), 3);

    // A clear after the wipe, whose nudge `missing` drops: its next check catches up.
    await missing.evaluate(() => {
      window.tab.notifier!.dropping = true;
    });
    await clearing.evaluate(() => window.tab.clear());
    await waitFor(missing, 'the second nudge to be dropped', () => window.tab.notifier!.dropped === 1);
    await missing.evaluate(() => window.tab.checkAll());
    assert.deepEqual(await missing.evaluate(() => window.tab.entries()), []);
    assert.deepEqual(await missing.evaluate(() => window.tab.causes), ['nudge', 'precaution', 'check']);
    const after = await readMarker(clearing, namespace, 'items');
    assert.deepEqual({ epoch: after?.epoch, gen: after?.gen }, { epoch: resaved!.epoch, gen: 2 });

    for (const tab of [clearing, missing]) assert.equal((await tab.evaluate(() => window.tab.rows()))[0].sharing, 'indexeddb');
    assert.deepEqual(await warningsOf([clearing, missing]), []);
    await assertNoProblems([clearing, missing]);
  },
};

export const storageWipedDuringClears: BrowserCase = {
  name: 'a wipe in the middle of a run of clears crashes nothing, keeps sharing on, and every clear still reaches the live tab',
  async run(context) {
    const namespace = uniqueNamespace('wipe-during');
    const query = `?ns=${namespace}&notifier=test`;
    const listening = await openAppTab(context, query);
    // Opened last, so it is the front tab: a hidden tab's timers run about once a second in
    // Chromium and Firefox, which would only stretch the run of clears.
    const clearing = await openAppTab(context, query);
    await listening.evaluate(() => window.tab.fill(3, 'before'));

    // Clears over and over (each awaited, with a turn of the event loop between, as user actions
    // would come); the wipe lands after ten, and ten more run after it returned.
    await clearing.evaluate(() => window.tab.startClearRun());
    await waitFor(clearing, 'ten clears', () => window.tab.rows()[0].ownClears >= 10);
    await deleteStoreDatabase(listening, namespace);
    const clears = await clearing.evaluate(() => window.tab.finishClearRun(10));

    assert.equal((await clearing.evaluate(() => window.tab.rows()))[0].ownClears, clears);
    await waitFor(listening, 'every clear to reach the live tab', (count) => window.tab.rows()[0].externalClears === count, clears);
    assert.deepEqual(await listening.evaluate(() => window.tab.entries()), []);

    // Sharing stayed on, and both tabs agree with the marker the store holds now.
    assert.deepEqual(await warningsOf([clearing, listening]), []);
    assert.equal((await clearing.evaluate(() => window.tab.rows()))[0].sharing, 'indexeddb');
    await clearing.evaluate(() => window.tab.checkAll());
    await listening.evaluate(() => window.tab.checkAll());
    const stored = await readMarker(clearing, namespace, 'items');
    assert.notEqual(stored, null);
    assert.deepEqual(await clearing.evaluate(() => window.tab.adopted()), stored);
    assert.deepEqual(await listening.evaluate(() => window.tab.adopted()), stored);
    // Store failures may be reported through onError (the default logs them): reporting is the contract.
    await assertNoProblems([clearing, listening], /^local-sync-cache: /);
  },
};

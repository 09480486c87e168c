// Case 1: two live tabs of one profile. A clear in tab A empties tab B's cache at once, through
// the nudge alone, and B's information rows tell that the clear came from elsewhere.
import { expect, test } from './support/fixtures';
import { openTab } from './support/tabs';

test('a clear in one tab empties the other at once, and the other counts it as external', async ({ context }) => {
  // The default hub, store and channel, exactly as an app that passes no options gets them.
  const tabA = await openTab(context);
  const tabB = await openTab(context);
  await tabA.evaluate(() => window.tab.fill(3, 'a'));
  await tabB.evaluate(() => window.tab.fill(3, 'b'));

  await tabA.evaluate(() => window.tab.clear());

  // B runs no check (no installAutoCheck, no checkAll): only A's nudge can empty it.
  await tabB.waitForFunction(() => window.tab.cache.size === 0);
  expect(await tabB.evaluate(() => window.tab.causes)).toEqual(['nudge']);

  const [rowA] = await tabA.evaluate(() => window.tab.rows());
  expect(rowA).toMatchObject({ id: 'items', size: 0, sharing: 'indexeddb', clearedHere: true, ownClears: 1, externalClears: 0 });
  expect(rowA.marker).toMatch(/:1$/);
  const [rowB] = await tabB.evaluate(() => window.tab.rows());
  expect(rowB).toMatchObject({ id: 'items', size: 0, sharing: 'indexeddb', clearedHere: false, ownClears: 0, externalClears: 1, precautionClears: 0, checks: 0 });

  // B's next check finds A's marker, whose nudge it already acted on: it adopts the marker
  // without emptying again (one clear, one emptying) and keeps what it stored since.
  await tabB.evaluate(() => window.tab.fill(2, 'b-after'));
  await tabB.evaluate(() => window.tab.checkAll());
  const [checkedB] = await tabB.evaluate(() => window.tab.rows());
  expect(checkedB).toMatchObject({ size: 2, marker: rowA.marker, clearedHere: false, externalClears: 1, precautionClears: 0, checks: 1 });
  expect(await tabB.evaluate(() => window.tab.causes)).toEqual(['nudge']);
});

// Site data wiped (docs/protocol.md, R3, W1): the clears a wipe destroys are caught by every realm
// that had adopted a marker, and a clear written over the empty store carries the generation on.
import { afterEach, describe, expect, it } from 'vitest';
import { type Marker, getCacheInformation } from '../../src/index.js';
import { createMemoryStore } from '../../src/testing/index.js';
import { closeTabs, createMemoryTabs } from '../helpers/tabs.js';

afterEach(closeTabs);

describe('a wipe', () => {
  it('empties a realm that had adopted a marker, although the clear it missed was lost with the wipe (R3)', async () => {
    const shared = createMemoryStore();
    const [writer, reader] = await createMemoryTabs(2, { shared });
    await writer.cache.clear();
    await reader.hub.checkAll();
    reader.cache.set('k', 'stored before the second clear');
    await writer.cache.clear();
    reader.notifier.dropAll();
    shared.wipe();
    await reader.hub.checkAll();
    expect(reader.cache.has('k')).toBe(false);
    expect(getCacheInformation(reader.hub)[0].precautionClears).toBe(1);
  });

  it('empties a realm whose own write finds the store wiped (W1)', async () => {
    const shared = createMemoryStore();
    const [writer, reader] = await createMemoryTabs(2, { shared });
    await writer.cache.clear();
    await reader.hub.checkAll();
    // The reader's clear empties its cache at once, but its write waits.
    reader.store.holdNext(1, 'before');
    const clearing = reader.cache.clear();
    reader.cache.set('k', 'computed before the other clear');
    // Another clear commits, its nudge to the reader lost; then the store is wiped.
    await writer.cache.clear();
    reader.notifier.dropAll();
    shared.wipe();
    reader.store.releaseAll();
    await clearing;
    expect(reader.cache.has('k')).toBe(false);
    expect(getCacheInformation(reader.hub)[0]).toMatchObject({ ownClears: 1, precautionClears: 1 });
  });

  it('a clear over the wiped store continues the generation its realm knew, so a realm that adopted nothing catches a clear the wipe destroyed', async () => {
    const shared = createMemoryStore();
    const [writer, other, reader] = await createMemoryTabs(3, { shared });
    // The writer's clear starts (nudge posted), but its write waits.
    writer.store.holdNext(1, 'before');
    const clearing = writer.cache.clear();
    reader.notifier.deliverAll();
    reader.cache.set('k', 'computed before the other clear');
    // Another clear commits; the reader loses its nudge, the writer learns its marker.
    await other.cache.clear();
    reader.notifier.dropAll();
    await writer.hub.checkAll();
    expect(writer.hub.adoptedMarker('ids')).toMatchObject({ gen: 1 });
    shared.wipe();
    writer.store.releaseAll();
    await clearing;
    // Over nothing, the write starts a new epoch at the generation after the one it knew.
    expect(shared.peek('ids')).toMatchObject({ gen: 2, by: (writer.hub.adoptedMarker('ids') as Marker).by });
    // The reader heard this clear, but generation 2 does not follow "none": it empties (R4).
    await reader.hub.checkAll();
    expect(reader.cache.has('k')).toBe(false);
  });
});

// Single faults, one at a time, through the test hooks the model test combines at random: what
// each costs (a retry, a warning, a spurious clear) and what it never costs (a missed clear).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SharedStore, getCacheInformation } from '../../src/index.js';
import { createMemoryStore } from '../../src/testing/index.js';
import { ClosedConnectionError } from '../../src/testing/faulty-store.js';
import { closeTabs, createMemoryTabs } from '../helpers/tabs.js';

afterEach(closeTabs);

/** Two tabs on one store; the reader hears no nudge unless the test delivers it. */
async function twoTabs(hub: { storeTimeout?: number } = {}, shared?: SharedStore) {
  const [writer, reader] = await createMemoryTabs(2, { id: 'page-urls', hub, shared });
  reader.cache.set('/about/', 'stale after the clear');
  return {
    writer: writer.hub,
    reader: reader.hub,
    inWriter: writer.cache,
    inReader: reader.cache,
    writerStore: writer.store,
    writerNotifier: writer.notifier,
    readerNotifier: reader.notifier,
    errors: writer.errors,
    writerLogger: writer.logger,
  };
}

describe('one fault at a time', () => {
  it('a connection closed under the writer costs one silent retry', async () => {
    const { reader, inWriter, inReader, writerStore, writerLogger, errors } = await twoTabs();
    writerStore.closeConnection();
    await inWriter.clear();
    expect(writerStore.calls.updateMany).toBe(2);
    expect(writerLogger.warn).not.toHaveBeenCalled();
    expect(errors).toEqual([]);
    await reader.checkAll();
    expect(inReader.size).toBe(0);
  });

  it('a write that hangs times out and is retried; the clear still reaches the other tab', async () => {
    const { reader, inWriter, inReader, writerStore, writerLogger } = await twoTabs({ storeTimeout: 20 });
    // Held and never released: this call hangs for good, as a blocked IndexedDB open can.
    writerStore.holdNext(1, 'before');
    await inWriter.clear();
    expect(writerStore.held).toHaveLength(1);
    expect(writerStore.calls.updateMany).toBe(2);
    expect(writerLogger.warn).not.toHaveBeenCalled();
    await reader.checkAll();
    expect(inReader.size).toBe(0);
  });

  // docs/protocol.md, R2: the store only ever moves forward, even when a write lands twice.
  it('a timed-out write that commits after its retry bumps the generation twice, moves no epoch back, and empties nothing more', async () => {
    const { writer, reader, inWriter, inReader, writerStore } = await twoTabs({ storeTimeout: 20 });
    writerStore.holdNext(1, 'before');
    await inWriter.clear();
    const afterRetry = writer.adoptedMarker('page-urls')!;
    await reader.checkAll();
    // The first attempt was only slow: it commits now, over the retry's marker, with the same token.
    writerStore.releaseAll();
    await new Promise((resolve) => setTimeout(resolve, 10));
    inWriter.set('/about/', 'after the clear');
    inReader.set('/about/', 'after the clear');
    await Promise.all([writer.checkAll(), reader.checkAll()]);
    const landedTwice = writer.adoptedMarker('page-urls')!;
    expect(landedTwice).toMatchObject({ epoch: afterRetry.epoch, gen: afterRetry.gen + 1, by: afterRetry.by });
    expect(reader.adoptedMarker('page-urls')).toEqual(landedTwice);
    expect([inWriter.size, inReader.size]).toEqual([1, 1]);
    expect(getCacheInformation(writer)[0]).toMatchObject({ ownClears: 1, externalClears: 0, precautionClears: 0 });
    expect(getCacheInformation(reader)[0]).toMatchObject({ externalClears: 1, precautionClears: 0 });
  });

  it('a store that fails twice leaves the writer local-only, with one warning, and its live tabs still hear it', async () => {
    const { reader, inWriter, inReader, writerStore, writerLogger, readerNotifier, errors } = await twoTabs();
    writerStore.failNext(2);
    await inWriter.clear();
    expect(writerLogger.warn).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    // The marker never reached the shared store: only the nudge can tell the reader.
    await reader.checkAll();
    expect(inReader.size).toBe(1);
    readerNotifier.deliverAll();
    expect(inReader.size).toBe(0);
  });

  it('a nudge that cannot be posted goes to onError, and the reader catches the clear at its next check', async () => {
    const { reader, inWriter, inReader, writerNotifier, readerNotifier, errors } = await twoTabs();
    writerNotifier.failPosts(1, new ClosedConnectionError());
    const clearing = inWriter.clear();
    // The writer's own cache is emptied at once, whatever the channel does.
    expect(inWriter.size).toBe(0);
    await clearing;
    expect(errors).toEqual([expect.any(ClosedConnectionError)]);
    expect(readerNotifier.inbox).toHaveLength(0);
    await reader.checkAll();
    expect(inReader.size).toBe(0);
    expect(getCacheInformation(reader)[0]).toMatchObject({ externalClears: 1, precautionClears: 0 });
  });

  it('a nudge delivered twice empties once; one delivered late and out of order still empties', async () => {
    const { reader, inWriter, inReader, readerNotifier } = await twoTabs();
    await inWriter.clear();
    await inWriter.clear();
    expect(readerNotifier.inbox).toHaveLength(2);
    // The second clear's nudge first, twice.
    readerNotifier.duplicate(1);
    readerNotifier.deliver(1);
    expect(inReader.size).toBe(0);
    inReader.set('/about/', 'after the second nudge');
    // The first clear's nudge, late: the reader cannot tell it came before the second, so it
    // empties again rather than risk serving what was stored before it.
    readerNotifier.deliver(0);
    expect(inReader.size).toBe(0);
    expect(getCacheInformation(reader)[0]).toMatchObject({ externalClears: 2, precautionClears: 0 });
  });

  it('a wiped store (one without a wipe of its own) costs the other tab a counted precaution, never a missed clear', async () => {
    const inner = createMemoryStore();
    const withoutWipe: SharedStore = {
      sharing: inner.sharing,
      read: (ids, since) => inner.read(ids, since),
      update: (id, updater) => inner.update(id, updater),
      updateMany: (updaters, extras) => inner.updateMany(updaters, extras),
      readExtra: (key) => inner.readExtra(key),
      close() {},
    };
    const { reader, inWriter, inReader, writerStore } = await twoTabs({}, withoutWipe);
    await inWriter.clear();
    await reader.checkAll();
    inReader.set('/about/', 'after the clear');
    writerStore.wipe();
    await vi.waitFor(() => expect(inner.peek('page-urls')).toBeUndefined());
    await reader.checkAll();
    expect(inReader.size).toBe(0);
    expect(getCacheInformation(reader)[0]).toMatchObject({ precautionClears: 1 });
  });
});

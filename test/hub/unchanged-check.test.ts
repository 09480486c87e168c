// A check where nothing changed costs one small read (SharedStore.read with `unchangedSince`):
// the hub asks the store to skip the records while the revision it last read at still stands,
// and feeds the markers of that read again. These tests pin both halves: the records are
// skipped when nothing was written, and read (and acted on) as soon as anything was.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../src/testing/index.js';
import { closeTabs, createMemoryTabs } from '../helpers/tabs.js';

afterEach(closeTabs);

describe('a check of an unchanged store', () => {
  it('reads the revision only, and empties nothing', async () => {
    const shared = createMemoryStore();
    const [writer, reader] = await createMemoryTabs(2, { shared });
    await writer.cache.clear();
    await reader.hub.checkAll();
    reader.cache.set('k', 'v');
    const read = vi.spyOn(shared, 'read');
    const result = await reader.hub.checkAll();
    expect(read).toHaveBeenCalledTimes(1);
    const [, unchangedSince] = read.mock.calls[0];
    expect(typeof unchangedSince).toBe('string');
    await expect(read.mock.results[0].value).resolves.not.toHaveProperty('records');
    expect(result).toEqual({ checked: ['ids'], emptied: [] });
    expect(reader.cache.get('k')).toBe('v');
  });

  it('reads the records again once any realm wrote, and empties what a missed nudge announced', async () => {
    const shared = createMemoryStore();
    const [writer, reader] = await createMemoryTabs(2, { shared });
    await writer.cache.clear();
    await reader.hub.checkAll();
    await reader.hub.checkAll();
    reader.cache.set('k', 'computed before the clear');
    await writer.cache.clear();
    reader.notifier.dropAll();
    const read = vi.spyOn(shared, 'read');
    const result = await reader.hub.checkAll();
    await expect(read.mock.results[0].value).resolves.toHaveProperty('records');
    expect(result.emptied).toEqual(['ids']);
    expect(reader.cache.has('k')).toBe(false);
  });

  it('reads the records again after a wipe, and treats the lost marker as R3 does', async () => {
    const shared = createMemoryStore();
    const [writer, reader] = await createMemoryTabs(2, { shared });
    await writer.cache.clear();
    await reader.hub.checkAll();
    await reader.hub.checkAll();
    reader.cache.set('k', 'v');
    shared.wipe();
    const result = await reader.hub.checkAll();
    expect(result.emptied).toEqual(['ids']);
    expect(reader.cache.has('k')).toBe(false);
  });

  it('reads the records when the ids were last read at different revisions', async () => {
    const shared = createMemoryStore();
    const [writer, reader] = await createMemoryTabs(2, { shared });
    const emptiedLater: string[] = [];
    reader.hub.watch('later', (cause) => emptiedLater.push(cause));
    await reader.hub.checkAll();
    // 'later' is cleared elsewhere and the nudge is lost; then only 'ids' is read (checkState),
    // at the new revision. 'later' was last read at the old one, so the records must be read.
    await writer.hub.clear('later');
    reader.notifier.dropAll();
    await reader.cache.checkState();
    expect(emptiedLater).toEqual([]);
    await reader.hub.checkAll();
    expect(emptiedLater).toEqual(['check']);
  });

  it('still steps an id whose state changed since its last read: after emptyLocally() it is a first read again (F3)', async () => {
    const shared = createMemoryStore();
    const [writer, reader] = await createMemoryTabs(2, { shared });
    await writer.cache.clear();
    reader.notifier.dropAll();
    await reader.hub.checkAll();
    reader.hub.emptyLocally({ read: false });
    reader.cache.set('k', 'filled after listening anew');
    const read = vi.spyOn(shared, 'read');
    await reader.hub.checkAll();
    await expect(read.mock.results[0].value).resolves.not.toHaveProperty('records');
    // The clear is within the first-read slack of the new start: a precaution empties.
    expect(reader.cache.has('k')).toBe(false);
  });
});

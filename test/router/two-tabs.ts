import { LocalSyncCache } from '../../src/index.js';
import { createMemoryBus } from '../../src/testing/index.js';
import { createTabs } from '../helpers/tabs.js';

/**
 * A writer tab and a reader tab sharing one store. The reader hears no nudges unless `hearing`
 * is set, so only a check (a guard, or an explicit one) empties its cache. `source` stands for
 * the server's data: loaders read it through the reader's cache, and `change()` is an edit in
 * the writer followed by its clear.
 */
export async function readerAndWriter({ hearing = false } = {}) {
  const [writer] = createTabs(1);
  const [reader] = createTabs(1, { namespace: writer.namespace, ...(hearing ? {} : { notifier: createMemoryBus().connect() }) });
  const inWriter = new LocalSyncCache<string, string>('route-data', { hub: writer });
  const cache = new LocalSyncCache<string, string>('route-data', { hub: reader });
  await reader.checkAll();
  const source = { version: 1 };
  const runs: string[] = [];
  /** What a loader of `name` returns: the cached value, computed from the source on a miss. */
  const load = (name: string): string => {
    runs.push(name);
    let value = cache.get(name);
    if (value === undefined) cache.set(name, (value = `${name}@v${source.version}`));
    return value;
  };
  const change = async (): Promise<void> => {
    source.version += 1;
    await inWriter.clear();
  };
  return { reader, cache, load, runs, change };
}

import { LocalSyncCache } from '../../src/index.js';
import { createMemoryBus } from '../../src/testing/index.js';
import { createTabs } from '../helpers/tabs.js';

/**
 * Two tabs sharing one store, where the reader hears no nudges: only a check before the
 * navigation can empty its cache. Returns the reader's cache, filled, after the writer cleared.
 */
export async function staleReaderAfterForeignClear() {
  const [writer] = createTabs(1);
  const [reader] = createTabs(1, { namespace: writer.namespace, notifier: createMemoryBus().connect() });
  const inWriter = new LocalSyncCache<string, string>('page-urls', { hub: writer });
  const inReader = new LocalSyncCache<string, string>('page-urls', { hub: reader });
  await reader.checkAll();
  inReader.set('/about/', 'stale');
  await inWriter.clear();
  return { reader, cache: inReader };
}

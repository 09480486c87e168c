// The demo's "database": a small page tree kept in IndexedDB, so every tab of the origin sees a
// rename. IndexedDB rather than localStorage on purpose: a write committed before clear() is
// visible to any tab that reads after hearing the clear, whereas localStorage reaches other tabs
// asynchronously and a tab could recompute a URL from the old slug.
import { createStore, get, update } from 'idb-keyval';

export interface Page {
  id: number;
  title: string;
  /** `null` for the root page. */
  parent: number | null;
  /** The page's own URL segment; '' for the root. */
  slug: string;
}

const store = createStore('local-sync-cache-demo', 'pages');
const KEY = 'pages';

const SEED: Page[] = [
  { id: 1, title: 'Home', parent: null, slug: '' },
  { id: 2, title: 'About', parent: 1, slug: 'about' },
  { id: 3, title: 'Team', parent: 2, slug: 'team' },
  { id: 4, title: 'Blog', parent: 1, slug: 'blog' },
  { id: 5, title: 'Hello world', parent: 4, slug: 'hello-world' },
  { id: 6, title: 'Archive', parent: 4, slug: 'archive' },
  { id: 7, title: 'Contact', parent: 2, slug: 'contact' },
];

/** Every page by id; the first tab to ask writes the seed tree (in one transaction, so two tabs opening at once agree). */
export async function loadPages(): Promise<Map<number, Page>> {
  let pages = await get<Page[]>(KEY, store);
  if (!pages) {
    await update<Page[]>(KEY, (old) => old ?? SEED, store);
    pages = (await get<Page[]>(KEY, store))!;
  }
  return new Map(pages.map((page) => [page.id, page]));
}

/** Changes one page's slug; resolves once the change is committed. */
export function renamePage(id: number, slug: string): Promise<void> {
  return update<Page[]>(KEY, (old) => (old ?? SEED).map((page) => (page.id === id ? { ...page, slug } : page)), store);
}

/** Puts the seed tree back. */
export function resetPages(): Promise<void> {
  return update<Page[]>(KEY, () => SEED, store);
}

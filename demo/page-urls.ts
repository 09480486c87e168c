// The seed's example: each page's URL is its parent's URL plus its slug, computed recursively
// and cached in a LocalSyncCache. Renaming a page changes the URLs of the page and everything
// below it, so the rename clears the cache, here and in every other tab.
import { LocalSyncCache } from 'local-sync-cache';
import type { Page } from './page-store';

export const pageUrls = new LocalSyncCache<number, string>('page-urls');

/** URLs computed (not served from the cache) in this tab so far, shown on the page. */
export let computations = 0;

/**
 * The URL of page `id`, from the cache or computed from `pages` (and its parents' URLs, cached
 * on the way). `token` comes from `pageUrls.fillToken()` taken before `pages` was loaded: if the
 * cache was cleared since, `pages` may predate the change, so nothing computed from it is stored.
 */
export function urlOf(id: number, pages: ReadonlyMap<number, Page>, token: number): string {
  const cached = pageUrls.get(id);
  if (cached !== undefined) return cached;
  const page = pages.get(id);
  if (!page) throw new Error(`demo: no page ${id}`);
  const url = page.parent === null ? '/' : `${urlOf(page.parent, pages, token)}${page.slug}/`;
  computations += 1;
  pageUrls.setIfFresh(token, id, url);
  return url;
}

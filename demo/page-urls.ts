// The seed's example: each page's URL is its parent's URL plus its slug, computed recursively
// and cached in a LocalSyncCache. Renaming a page changes the URLs of the page and everything
// below it, so the rename clears the cache, here and in every other realm.
import { LocalSyncCache } from 'local-sync-cache';
import type { Page } from './page-api';
import { PAGE_URLS } from './page-urls-id';

export const pageUrls = new LocalSyncCache<number, string>(PAGE_URLS);

/** What computing the URLs of one render cost, for the realm's timeline. */
export interface UrlCosts {
  /** URLs computed (not served from the cache). */
  computed: number;
  /** Computed URLs that were not stored: `pages` was loaded before a clear. */
  refused: number;
}

/**
 * The URL of page `id`, from the cache or computed from `pages` (and its parents' URLs, cached
 * on the way). `token` comes from `pageUrls.fillToken()` taken before `pages` was loaded: if the
 * cache was emptied since, `pages` may predate the change, so nothing computed from it is stored.
 */
export function urlOf(id: number, pages: ReadonlyMap<number, Page>, token: number, costs: UrlCosts): string {
  const cached = pageUrls.get(id);
  if (cached !== undefined) return cached;
  const page = pages.get(id);
  if (!page) throw new Error(`demo: no page ${id}`);
  const url = page.parent === null ? '/' : `${urlOf(page.parent, pages, token, costs)}${page.slug}/`;
  costs.computed += 1;
  if (!pageUrls.setIfFresh(token, id, url)) costs.refused += 1;
  return url;
}

// The demo's "database", on the server: a small page tree kept in memory. On the server rather
// than in the browser so that a backend can change it too (the server panel) and a service
// worker can cache the answers that carry it.

/** @typedef {{ id: number, title: string, parent: number | null, slug: string }} Page */

/** @type {readonly Page[]} */
const SEED = [
  { id: 1, title: 'Home', parent: null, slug: '' },
  { id: 2, title: 'About', parent: 1, slug: 'about' },
  { id: 3, title: 'Team', parent: 2, slug: 'team' },
  { id: 4, title: 'Blog', parent: 1, slug: 'blog' },
  { id: 5, title: 'Hello world', parent: 4, slug: 'hello-world' },
  { id: 6, title: 'Archive', parent: 4, slug: 'archive' },
  { id: 7, title: 'Contact', parent: 2, slug: 'contact' },
];

/** Lower-case letters and digits, single hyphens between them: a slug never changes a URL's shape. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A fresh tree, so every demo server (and every e2e test) starts from the seed. */
export function createPageTree() {
  let pages = SEED.map((page) => ({ ...page }));
  return {
    /** @returns {Page[]} every page, copies */
    list: () => pages.map((page) => ({ ...page })),
    /**
     * Changes one page's slug. Synchronous, so the change is visible to every request that
     * arrives after the answer to this one.
     * @returns {string | null} why it was refused, or null when done
     */
    rename(id, slug) {
      if (typeof slug !== 'string' || !SLUG.test(slug)) return 'the slug must be lower-case letters, digits and single hyphens';
      const page = pages.find((candidate) => candidate.id === id);
      if (!page || page.parent === null) return `no page ${id} that can be renamed`;
      page.slug = slug;
      return null;
    },
    reset() {
      pages = SEED.map((page) => ({ ...page }));
    },
  };
}

// The browser side of the demo server's page tree (demo/page-tree.mjs).

export interface Page {
  id: number;
  title: string;
  /** `null` for the root page. */
  parent: number | null;
  /** The page's own URL segment; '' for the root. */
  slug: string;
}

export interface LoadOptions {
  /** Names the realm to the service worker's panel. */
  realm: string;
  /** Ask past the service worker's cache (see demo/service-worker.ts). */
  fresh?: boolean;
  /** An artificial slow network, in ms. */
  delay?: number;
}

/** Every page by id, as the server (or the service worker's cache) answers. */
export async function loadPages({ realm, fresh = false, delay = 0 }: LoadOptions): Promise<Map<number, Page>> {
  const response = await fetch(delay > 0 ? `/api/pages?delay=${delay}` : '/api/pages', {
    headers: { 'X-Demo-Realm': realm },
    cache: fresh ? 'no-cache' : 'default',
  });
  if (!response.ok) throw new Error(`demo: GET /api/pages answered ${response.status}`);
  const pages = (await response.json()) as Page[];
  return new Map(pages.map((page) => [page.id, page]));
}

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`demo: POST ${path} answered ${response.status}: ${(await response.json().catch(() => ({}))).error ?? ''}`);
}

/** Changes one page's slug on the server; resolves once the server has it. */
export function renamePage(id: number, slug: string): Promise<void> {
  return post('/api/rename', { id, slug });
}

/** The backend changes a slug itself and publishes the clear on its feed (the server panel). */
export function renameOnServer(id: number, slug: string): Promise<void> {
  return post('/api/server-rename', { id, slug });
}

/** Puts the seed tree back on the server. */
export function resetPages(): Promise<void> {
  return post('/api/reset', {});
}

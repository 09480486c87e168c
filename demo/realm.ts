// One realm of the demo (a frame of the demo page, or a tab of its own): a page tree whose URLs
// are cached in a LocalSyncCache, a live timeline of what happens to that cache, and the
// controls that make the library's work visible: deafen, check now, navigate, slow loads.
// Everything here uses the package's public exports only, as an app would.
import { checkAll, type ClearCause, getCacheInformation, getDefaultHub, installAutoCheck } from 'local-sync-cache';
import { connectRemote, type RemoteConnection } from 'local-sync-cache/remote';
import { deafen } from './deafness';
import { loadPages, type Page, renamePage } from './page-api';
import { pageUrls, type UrlCosts, urlOf } from './page-urls';
import { createTimeline, type TimelineKind } from './timeline';

const name = new URLSearchParams(location.search).get('name') ?? `tab ${Math.random().toString(16).slice(2, 6)}`;
document.title = `${name} · local-sync-cache demo`;
document.getElementById('realm-name')!.textContent = name;

const tree = document.querySelector<HTMLTableSectionElement>('#pages tbody')!;
const status = document.getElementById('status')!;
const timeline = createTimeline(document.querySelector<HTMLOListElement>('#timeline')!);
const deafButton = document.getElementById('deafen') as HTMLButtonElement;
const slowLoads = document.getElementById('slow') as HTMLInputElement;
const viewLabel = document.getElementById('view')!;

/** The artificial network delay of a slow load, long enough to rename something in another realm meanwhile. */
const SLOW_LOAD = 3_000;

// Hidden, frozen and back/forward-cached realms catch up when they come back, and every
// same-document navigation checks (the "Navigate" button relies on it).
installAutoCheck();
// One realm of the browser holds the server feed's connection (a Web Lock elects it).
let remote: RemoteConnection | undefined = connectRemote({ url: '/clears' });
let hear: (() => void) | undefined;

/** What each cause of an emptying means here, in the timeline. */
const EMPTIED: Record<ClearCause, [TimelineKind, string]> = {
  own: ['own', 'emptied by its own clear(): nudge sent'],
  sibling: ['server', 'emptied: this realm leads the server feed and applied a server clear'],
  nudge: ['nudge', 'nudge heard: emptied at once'],
  check: ['check', 'a check found a clear it had missed: emptied'],
  precaution: ['precaution', 'emptied as a precaution (could not rule out a missed clear)'],
};

/** Causes whose clear may not be committed yet: reload past the service worker's cache. */
const UNCOMMITTED: ReadonlySet<ClearCause> = new Set(['own', 'sibling', 'nudge']);

pageUrls.subscribe(({ cause }) => {
  const [kind, text] = EMPTIED[cause];
  timeline.add(kind, text);
  void render({ fresh: UNCOMMITTED.has(cause) });
});

// ---- rendering -------------------------------------------------------------------------------

/** The section of the tree shown; "Navigate" moves between them as a router would. */
const VIEWS = [
  { key: 'all', label: 'all pages', root: 1 },
  { key: 'about', label: 'About section', root: 2 },
  { key: 'blog', label: 'Blog section', root: 4 },
] as const;

function currentView(): (typeof VIEWS)[number] {
  const key = new URLSearchParams(location.search).get('view');
  return VIEWS.find((view) => view.key === key) ?? VIEWS[0];
}

let rendering: Promise<void> = Promise.resolve();

/** Renders the tree; renders run one after another, so the last one shows the latest data. */
function render(options: { fresh?: boolean } = {}): Promise<void> {
  rendering = rendering.then(() => renderTree(options)).catch((error: unknown) => timeline.add('info', `render failed: ${String(error)}`));
  return rendering;
}

async function renderTree({ fresh = false }: { fresh?: boolean }): Promise<void> {
  // Taken before the load: URLs computed from pages loaded before a clear are not stored.
  const token = pageUrls.fillToken();
  const delay = slowLoads.checked ? SLOW_LOAD : 0;
  if (delay > 0) timeline.add('load', `slow load started (${delay / 1000} s)`);
  const pages = await loadPages({ realm: name, fresh, delay });
  const costs: UrlCosts = { computed: 0, refused: 0 };
  const view = currentView();
  const rows = [...pages.values()].filter((page) => inSection(page, view.root, pages)).map((page) => pageRow(page, urlOf(page.id, pages, token, costs)));
  tree.replaceChildren(...rows);
  viewLabel.textContent = view.label;
  if (costs.refused > 0) {
    timeline.add('refused', `fill refused: pages loaded before a clear; ${costs.refused} URL computations shown but not cached`);
  } else if (costs.computed > 0) {
    timeline.add('load', `computed and cached ${costs.computed} URLs`);
  }
  showStatus();
}

function inSection(page: Page, root: number, pages: ReadonlyMap<number, Page>): boolean {
  for (let at: Page | undefined = page; at; at = at.parent === null ? undefined : pages.get(at.parent)) {
    if (at.id === root) return true;
  }
  return false;
}

function pageRow(page: Page, url: string): HTMLTableRowElement {
  const row = document.createElement('tr');
  const title = Object.assign(document.createElement('td'), { textContent: page.title });
  const cell = Object.assign(document.createElement('td'), { textContent: url, className: 'url' });
  const slug = document.createElement('td');
  if (page.parent !== null) slug.append(renameForm(page));
  row.append(title, cell, slug);
  return row;
}

function renameForm(page: Page): HTMLFormElement {
  const form = document.createElement('form');
  const input = Object.assign(document.createElement('input'), {
    value: page.slug,
    required: true,
    size: 9,
    pattern: '[a-z0-9]+(-[a-z0-9]+)*',
    title: 'lower-case letters, digits and single hyphens',
  });
  input.setAttribute('aria-label', `Slug of ${page.title}`);
  const button = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Rename' });
  button.setAttribute('aria-label', `Rename ${page.title}`);
  form.append(input, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void rename(page, input.value.trim());
  });
  return form;
}

async function rename(page: Page, slug: string): Promise<void> {
  // Save first, then clear: a realm that hears the clear and reloads sees the new slug.
  await renamePage(page.id, slug);
  timeline.add('own', `renamed ${page.title} to "${slug}"${hear ? ' (deaf: no nudge goes out; other realms catch up at their next check)' : ''}`);
  await pageUrls.clear();
  // From here on, a check in any realm finds this clear; the nudge went out before it.
  timeline.add('own', 'clear committed: the marker is in IndexedDB');
}

/** One line under the realm's name: what the cache holds and what the realm hears. */
function showStatus(): void {
  const row = getCacheInformation().find((candidate) => candidate.id === pageUrls.id);
  const parts = [
    `cache size ${pageUrls.size}`,
    `checks ${row?.checks ?? 0}`,
    `clears: own ${row?.ownClears ?? 0}, external ${row?.externalClears ?? 0}, precaution ${row?.precautionClears ?? 0}`,
    `refused fills ${row?.discardedFills ?? 0}`,
    hear ? 'DEAF' : 'hears nudges',
  ];
  if (remote?.leader) parts.push('holds the server feed');
  status.textContent = parts.join(' · ');
  document.body.classList.toggle('deaf', hear !== undefined);
}

// ---- controls --------------------------------------------------------------------------------

deafButton.addEventListener('click', () => {
  if (hear) {
    hear();
    hear = undefined;
    remote = connectRemote({ url: '/clears' });
    deafButton.textContent = 'Deafen';
    timeline.add('deaf', 'hears nudges again (nothing replayed: a check catches up)');
  } else {
    // Deaf to the server feed too: a deaf leader would apply server clears that no other realm
    // hears live. Closing releases the lock, and another realm takes the connection over.
    remote?.close();
    remote = undefined;
    hear = deafen(getDefaultHub(), (id) => timeline.add('deaf', `nudge for ${id} dropped (deaf)`));
    deafButton.textContent = 'Hear again';
    timeline.add('deaf', 'deafened: nudges are dropped until "Hear again"');
  }
  showStatus();
});

document.getElementById('check')!.addEventListener('click', async () => {
  const { emptied } = await checkAll();
  timeline.add('check', emptied.length > 0 ? `check now: emptied ${emptied.join(', ')}` : 'check now: nothing new');
  showStatus();
});

document.getElementById('navigate')!.addEventListener('click', async () => {
  const next = VIEWS[(VIEWS.indexOf(currentView()) + 1) % VIEWS.length];
  const url = new URL(location.href);
  url.searchParams.set('view', next.key);
  // A same-document navigation, as a router makes: installAutoCheck() checks on it. The check
  // here is the one a router guard would await; it joins the auto-check's read.
  history.pushState(null, '', url);
  const { emptied } = await checkAll();
  timeline.add('check', `navigated to ${next.label}: check ${emptied.length > 0 ? `emptied ${emptied.join(', ')}` : 'found nothing new'}`);
  await render();
});

addEventListener('popstate', () => void render());

// Counters such as checks (auto-checks included) change without a clear.
setInterval(showStatus, 1000);
timeline.add('info', `realm started (${getDefaultHub().sharing})`);
void render();

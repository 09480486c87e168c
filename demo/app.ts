// The demo app: a page tree whose URLs are cached in a LocalSyncCache. Rename a page in one tab
// and every open tab shows the new URLs.
import { installAutoCheck } from 'local-sync-cache';
import { renderInformation } from './information-table';
import { loadPages, renamePage, resetPages } from './page-store';
import { computations, pageUrls, urlOf } from './page-urls';

const tree = document.querySelector<HTMLTableSectionElement>('#pages tbody')!;
const information = document.querySelector<HTMLTableElement>('#information')!;
const counter = document.getElementById('computations')!;
const notice = document.getElementById('notice')!;

// Tabs that were hidden, frozen or in the back/forward cache catch up when they come back.
installAutoCheck();

let rendering: Promise<void> = Promise.resolve();

/** Renders the tree; renders run one after another, so the last one always shows the latest data. */
function render(): Promise<void> {
  rendering = rendering.then(renderTree, renderTree);
  return rendering;
}

async function renderTree(): Promise<void> {
  const token = pageUrls.fillToken();
  const pages = await loadPages();
  const rows = [...pages.values()].map((page) => {
    const row = document.createElement('tr');
    const title = Object.assign(document.createElement('td'), { textContent: page.title });
    const url = Object.assign(document.createElement('td'), { textContent: urlOf(page.id, pages, token), className: 'url' });
    const slug = document.createElement('td');
    if (page.parent !== null) slug.append(renameForm(page.id, page.title, page.slug));
    row.append(title, url, slug);
    return row;
  });
  tree.replaceChildren(...rows);
  counter.textContent = String(computations);
  renderInformation(information);
}

function renameForm(id: number, title: string, slug: string): HTMLFormElement {
  const form = document.createElement('form');
  const input = Object.assign(document.createElement('input'), {
    value: slug,
    required: true,
    pattern: '[a-z0-9]+(-[a-z0-9]+)*',
    title: 'lower-case letters, digits and single hyphens',
  });
  input.setAttribute('aria-label', `Slug of ${title}`);
  const button = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Rename' });
  button.setAttribute('aria-label', `Rename ${title}`);
  form.append(input, ' ', button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void rename(id, title, input.value.trim());
  });
  return form;
}

async function rename(id: number, title: string, slug: string): Promise<void> {
  // Save first, then clear: a tab that hears the clear and reloads the pages sees the new slug.
  await renamePage(id, slug);
  await pageUrls.clear();
  notice.textContent = `Renamed ${title} to "${slug}"; every tab dropped its cached URLs.`;
}

// Any clear (this tab's, another tab's, or one found by a check) means URLs may be stale.
pageUrls.subscribe(() => {
  void render();
});

document.getElementById('open-tab')!.addEventListener('click', () => {
  window.open(location.href, '_blank');
});
document.getElementById('reset')!.addEventListener('click', async () => {
  await resetPages();
  await pageUrls.clear();
  notice.textContent = 'Demo data reset.';
});

document.getElementById('tab-name')!.textContent = `tab ${Math.random().toString(16).slice(2, 6)}`;
// Counters such as checks change without a clear; refresh the table now and then.
setInterval(() => renderInformation(information), 1000);
void render();

// The app of the strict-CSP page: the default hub, installAutoCheck(), and a live information
// table. It writes to the DOM only through textContent and createElement, as a page under
// `require-trusted-types-for 'script'` must, so any violation seen comes from the library.
import { type CacheInformationRow, checkAll, getCacheInformation, installAutoCheck, LocalSyncCache } from 'local-sync-cache';

declare global {
  interface Window {
    cspViolations: string[];
  }
}

const cache = new LocalSyncCache<string, number>('items');
installAutoCheck();

const status = document.getElementById('status')!;
const table = document.getElementById('information')!;

function render(): void {
  const rows = getCacheInformation();
  const [row] = rows;
  status.dataset.size = String(cache.size);
  status.dataset.sharing = row.sharing;
  status.dataset.ownClears = String(row.ownClears);
  status.dataset.externalClears = String(row.externalClears);
  status.dataset.isolated = String(crossOriginIsolated);
  status.textContent = `${cache.size} entries, ${row.externalClears} external clears`;
  renderTable(rows);
}

function renderTable(rows: CacheInformationRow[]): void {
  const columns = Object.keys(rows[0]) as Array<keyof CacheInformationRow>;
  const header = document.createElement('tr');
  for (const column of columns) header.append(Object.assign(document.createElement('th'), { textContent: column }));
  const lines = rows.map((row) => {
    const line = document.createElement('tr');
    for (const column of columns) line.append(Object.assign(document.createElement('td'), { textContent: String(row[column]) }));
    return line;
  });
  table.replaceChildren(header, ...lines);
}

cache.subscribe(render);
document.getElementById('fill')!.addEventListener('click', () => {
  for (let index = 0; index < 3; index++) cache.set(`key-${index}`, index);
  render();
});
document.getElementById('clear')!.addEventListener('click', () => {
  void cache.clear().then(render);
});

void checkAll().then(() => {
  render();
  status.dataset.ready = 'true';
});

// Shows getCacheInformation() as a live table: one column per cache, one row per field, like
// formatCacheInformation() but in HTML.
import { type CacheInformationRow, getCacheInformation } from 'local-sync-cache';

export function renderInformation(table: HTMLTableElement): void {
  const rows = getCacheInformation();
  if (rows.length === 0) {
    table.replaceChildren();
    return;
  }
  const fields = Object.keys(rows[0]) as Array<keyof CacheInformationRow>;
  table.replaceChildren(
    ...fields.map((field) => {
      const line = document.createElement('tr');
      const label = Object.assign(document.createElement('th'), { scope: 'row', textContent: field });
      line.append(label, ...rows.map((row) => Object.assign(document.createElement('td'), { textContent: String(row[field]) })));
      return line;
    }),
  );
}

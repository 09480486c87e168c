// The server panel: the backend changes a slug itself and publishes a clear on its feed
// (local-sync-cache/server, embedded stream); the realm that holds the feed's connection applies
// it, and every realm that hears the nudge follows.
import { renameOnServer } from './page-api';

/** How often the feed's counters are fetched for the panel. */
const STATISTICS_INTERVAL = 1_000;

export function showServerPanel(panel: HTMLElement): void {
  const form = panel.querySelector('form')!;
  const page = form.querySelector('select')!;
  const slug = form.querySelector('input')!;
  const result = panel.querySelector<HTMLElement>('.result')!;
  const statistics = panel.querySelector<HTMLElement>('.statistics')!;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = page.selectedOptions[0]!.textContent;
    try {
      await renameOnServer(Number(page.value), slug.value.trim());
      result.textContent = `The server renamed ${chosen} to "${slug.value.trim()}" and published a clear of page-urls.`;
    } catch (error) {
      result.textContent = String(error);
    }
  });

  const refresh = async () => {
    const response = await fetch('/api/feed').catch(() => undefined);
    if (!response?.ok) return;
    const { connections, published, delivered } = (await response.json()) as { connections: number; published: number; delivered: number };
    statistics.textContent = `feed: ${connections} connection${connections === 1 ? '' : 's'} (one per browser) · ${published} published · ${delivered} delivered`;
  };
  void refresh();
  setInterval(refresh, STATISTICS_INTERVAL);
}

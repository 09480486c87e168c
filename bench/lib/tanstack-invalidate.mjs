// Benchmark `tanstack-invalidate`: an invalidation of a query-key scope in tab A until tab B's
// query is invalid (local-sync-cache/tanstack-query), beside TanStack's experimental broadcast
// client carrying a setQueryData() from A to B, in the same two tabs, interleaved. Stamped like
// bench/lib/propagation.mjs: each tab stamps its own end with a clock both share.
import { openBenchPage } from './browser.mjs';
import { summarize } from './stats.mjs';

const KINDS = ['ours', 'baseline'];

/** @param {{ samples: number, warmup: number }} settings */
export async function measureTanStackInvalidate(context, url, { samples, warmup }) {
  const sender = await openBenchPage(context, url);
  const receiver = await openBenchPage(context, url);
  try {
    await receiver.evaluate(() => globalThis.benchPage.tanstackSetup('receiver'));
    await sender.evaluate(() => globalThis.benchPage.tanstackSetup('sender'));
    const sent = { ours: 0, baseline: 0 };
    const durations = { ours: [], baseline: [] };
    for (let round = 0; round < warmup + samples; round++) {
      for (const kind of round % 2 === 0 ? KINDS : [...KINDS].reverse()) {
        await receiver.evaluate(() => globalThis.benchPage.tanstackRevalidate());
        sent[kind] += 1;
        const start = await sender.evaluate(([which, count]) => globalThis.benchPage.tanstackSend(which, count), [kind, sent[kind]]);
        const arrival = await receiver.evaluate(([which, count]) => globalThis.benchPage.tanstackArrival(which, count), [kind, sent[kind]]);
        if (round >= warmup) durations[kind].push(arrival - start);
      }
    }
    return { ours: summarize(durations.ours), baseline: summarize(durations.baseline) };
  } finally {
    await sender.close();
    await receiver.close();
  }
}

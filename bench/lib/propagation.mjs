// Benchmark 2: from `clear()` in tab A to tab B's cache being empty and its listeners told,
// against a bare native BroadcastChannel message between the same two tabs.
//
// Not tinybench: tinybench times a function call in one realm, from the clock before the call
// to the clock after it settles. Here a sample starts in one tab and ends in another, in a
// listener that no call of ours returns from; timing a round trip instead would add the way
// back and a second wake-up. So each tab stamps its own end of the sample with a clock both
// tabs share (`performance.timeOrigin + performance.now()`), and we take median and p99 of the
// differences ourselves, with the same code that summarizes every other figure.
import { openBenchPage } from './browser.mjs';
import { summarize } from './stats.mjs';

/**
 * `baseline + update` is a diagnostic, and the two `nudge` kinds compare message formats over the
 * bare channel: see propagationSend() in bench/page/main.mjs.
 */
const KINDS = ['ours', 'baseline', 'baseline + update', 'nudge object', 'nudge string'];
/** Every order of the kinds, used in turn, so that no kind always goes first or follows another. */
const permutations = (items) => (items.length <= 1 ? [items] : items.flatMap((first) => permutations(items.filter((item) => item !== first)).map((rest) => [first, ...rest])));
const ORDERS = permutations(KINDS);

/**
 * Node drives both tabs one step at a time, so before each message both tabs are idle and only
 * one message is in flight; the kinds are interleaved, so all see the same conditions.
 * @param {{ samples: number, warmup: number }} settings samples per kind, and uncounted first rounds
 */
export async function measurePropagation(context, url, { samples, warmup }) {
  const sender = await openBenchPage(context, url);
  const receiver = await openBenchPage(context, url);
  try {
    await receiver.evaluate(() => globalThis.benchPage.propagationSetup('receiver'));
    await sender.evaluate(() => globalThis.benchPage.propagationSetup('sender'));
    const sent = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
    const durations = Object.fromEntries(KINDS.map((kind) => [kind, []]));
    for (let round = 0; round < warmup + samples; round++) {
      for (const kind of ORDERS[round % ORDERS.length]) {
        await receiver.evaluate(() => globalThis.benchPage.propagationFill());
        const start = await sender.evaluate((which) => globalThis.benchPage.propagationSend(which), kind);
        sent[kind] += 1;
        const arrival = await receiver.evaluate(([which, count]) => globalThis.benchPage.propagationArrival(which, count), [kind, sent[kind]]);
        // Guards the figure: the listener must run after the cache is empty, and because of the nudge.
        if (!arrival.emptied || (kind === 'ours' && arrival.cause !== 'nudge')) {
          throw new Error(`propagation: message ${sent[kind]} of ${kind} arrived with cause ${arrival.cause}, cache emptied: ${arrival.emptied}`);
        }
        // The first rounds open the databases and warm both tabs' code; they are not counted.
        if (round >= warmup) durations[kind].push(arrival.at - start);
      }
    }
    return Object.fromEntries(KINDS.map((kind) => [kind, summarize(durations[kind])]));
  } finally {
    await sender.close();
    await receiver.close();
  }
}

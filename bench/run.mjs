#!/usr/bin/env node
// `npm run bench`: every speed figure of the library beside a baseline measured in the same
// run, printed as a table and saved as bench/results/latest.json.
//
//   1. get/has/set on a filled LocalSyncCache vs a plain Map (Node, then Chromium)
//   2. cross-tab propagation of clear() vs a bare BroadcastChannel message (Chromium, 2 tabs),
//      with the object and one-string nudge formats measured over the bare channel beside it
//   3. checkAll() with 1..1,000 unchanged caches, and with 100 caches one of which another tab
//      cleared, vs one idb-keyval get (Chromium, real IndexedDB)
//   4. clear() until its marker is committed vs one idb-keyval update (Chromium)
//   5. the server feed: one clear to 100 / 1,000 / 5,000 SSE clients (time to the last, memory per
//      connection), publish -> SSE client and publish -> a Chromium tab's cache empty through
//      connectRemote, vs a bare XADD -> XREAD (a throwaway redis-server)
//   6. tanstack-invalidate: a TanStack Query invalidation reaching another tab vs the broadcast
//      client's setQueryData() (Chromium, 2 tabs)
//   7. bundle sizes (size-limit) against their goals
//
// Every row has a stable `key` (bench/lib/report.mjs, remote-report.mjs, size.mjs).
// Rows marked "(reference)" have no goal: they show how much of a figure is the platform's own
// cost (a store write beside a message, IndexedDB reading 100 records).
//
// Only ratios mean anything: the machine is shared and absolute times drift with its load.
// `--quick` runs a few samples of each, to check that the benchmark works, not to quote.
// `--remote-only` runs only the server-feed rows (5.).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openBenchPage } from './lib/browser.mjs';
import { measureMapOperations } from './lib/map-operations.mjs';
import { measureFanout } from './lib/remote-fanout.mjs';
import { measureServerLatency } from './lib/remote-latency.mjs';
import { buildRemoteRows } from './lib/remote-report.mjs';
import { measurePropagation } from './lib/propagation.mjs';
import { measureTanStackInvalidate } from './lib/tanstack-invalidate.mjs';
import { buildRows, formatTable } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';
import { measureSizes } from './lib/size.mjs';
import { ensureBuilt } from '../scripts/ensure-built.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
const quick = process.argv.includes('--quick');
const remoteOnly = process.argv.includes('--remote-only');

const CHECK_COUNTS = [1, 10, 100, 1_000];
const SETTINGS = quick
  ? {
      mapOperations: { rounds: 4, time: 10, iterations: 8 },
      propagation: { samples: 40, warmup: 6 },
      tanstackInvalidate: { samples: 40, warmup: 6 },
      checkAll: { counts: CHECK_COUNTS, rounds: 2, time: 20, iterations: 3 },
      clear: { rounds: 2, time: 20, iterations: 3 },
      remote: { fanout: { counts: [100, 1_000, 5_000], rounds: 3, baselineRounds: 5 }, latency: { samples: 60, blocks: 3 } },
    }
  : {
      // Enough samples for a p99 that is not just the maximum: 500-1,000 batches per map
      // operation, 1,000 messages of each kind, and about 100 of the slowest checkAll() calls.
      mapOperations: { rounds: 30, time: 15, iterations: 16 },
      propagation: { samples: 1_000, warmup: 30 },
      tanstackInvalidate: { samples: 500, warmup: 30 },
      checkAll: { counts: CHECK_COUNTS, rounds: 16, time: 60, iterations: 5 },
      clear: { rounds: 16, time: 60, iterations: 10 },
      // 20 clears per client count (a p99 of 20 is their maximum: read it as such); 1,000 latency samples.
      remote: { fanout: { counts: [100, 1_000, 5_000], rounds: 20, baselineRounds: 50 }, latency: { samples: 1_000, blocks: 10 } },
    };

const log = (message) => console.error(`bench: ${message} (${((performance.now() - started) / 1000).toFixed(0)} s)`);

async function measureInNode() {
  // Imported after the build: the package's own name resolves to dist/ through its exports.
  const [{ Bench }, { LocalSyncCache, createSyncHub }, { createMemoryStore, createMemoryBus }] = await Promise.all([import('tinybench'), import('local-sync-cache'), import('local-sync-cache/testing')]);
  // In-memory transports: the hot path never touches them, and Node has no IndexedDB.
  const hub = createSyncHub({ store: createMemoryStore(), notifier: createMemoryBus().connect() });
  const figures = await measureMapOperations({ Bench, createCache: (id) => new LocalSyncCache(id, { hub }), ...SETTINGS.mapOperations });
  hub.close();
  return figures;
}

async function measureInChromium() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { context } = browser;
    /** Runs `name` on a fresh bench page, alone in the browser, and closes the page. */
    const onFreshPage = async (name, options) => {
      const page = await openBenchPage(context, server.url);
      try {
        return await page.evaluate(([method, settings]) => globalThis.benchPage[method](settings), [name, options]);
      } finally {
        await page.close();
      }
    };
    const environment = await onFreshPage('environment');
    // The user agent string reports 156.0.0.0 (UA reduction); the browser itself knows its build.
    const probe = await context.newPage();
    environment.browser = (await (await context.newCDPSession(probe)).send('Browser.getVersion')).product;
    await probe.close();
    if (!environment.crossOriginIsolated) console.error('bench: WARNING the page is not cross-origin isolated; its clock steps by 100 us');
    log('map operations in Chromium');
    const mapOperations = await onFreshPage('mapOperations', SETTINGS.mapOperations);
    log('cross-tab propagation in Chromium');
    const propagation = await measurePropagation(context, server.url, SETTINGS.propagation);
    log('tanstack-invalidate in Chromium');
    const tanstackInvalidate = await measureTanStackInvalidate(context, server.url, SETTINGS.tanstackInvalidate);
    log('checkAll() in Chromium');
    const checkAll = await onFreshPage('checkAll', SETTINGS.checkAll);
    log('clear() in Chromium');
    const clear = await onFreshPage('clear', SETTINGS.clear);
    return { environment, mapOperations, propagation, tanstackInvalidate, checkAll, clear };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function measureRemote() {
  log('server feed: fanout to SSE clients');
  const fanout = await measureFanout(root, SETTINGS.remote.fanout);
  log('server feed: publish -> SSE client vs XADD -> XREAD');
  const latency = await measureServerLatency(SETTINGS.remote.latency);
  return buildRemoteRows(fanout, latency);
}

// Figures of stale code would mislead: build dist/ first when it is older than src/.
ensureBuilt('bench');
let rows;
let chromium = null;
if (remoteOnly) {
  rows = await measureRemote();
} else {
  log('map operations in Node');
  const node = { mapOperations: await measureInNode() };
  chromium = await measureInChromium();
  const remoteRows = await measureRemote();
  log('bundle sizes');
  rows = [...buildRows({ node, chromium }, CHECK_COUNTS), ...remoteRows, ...measureSizes(root)];
}
const wallTimeSeconds = (performance.now() - started) / 1000;

console.log(formatTable(rows));
const missed = rows.filter((row) => row.met === false).map((row) => row.figure);
console.log(`\n${rows.filter((row) => row.met !== null).length - missed.length} goals met, ${missed.length} missed; wall time ${wallTimeSeconds.toFixed(0)} s${quick ? ' (--quick: figures not meaningful)' : ''}`);

const resultsFolder = join(root, 'bench', 'results');
mkdirSync(resultsFolder, { recursive: true });
const output = join(resultsFolder, remoteOnly ? 'latest-remote.json' : 'latest.json');
writeFileSync(
  output,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      quick,
      wallTimeSeconds,
      environment: {
        node: process.version,
        browser: chromium?.environment.browser,
        crossOriginIsolated: chromium?.environment.crossOriginIsolated,
        pageClockStepMs: chromium?.environment.clockStepMs,
        cpus: cpus().length,
        loadAverage: loadavg(),
      },
      settings: SETTINGS,
      rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`saved ${output}`);
// Measuring is the job; a missed goal is a finding, not a failure of the command.

// The script of the bench page, bundled by bench/lib/server.mjs with esbuild from the built
// package (`local-sync-cache` resolves to dist/ through the package's own exports map). It only
// defines functions on `globalThis.benchPage`; bench/run.mjs calls them through Playwright.
import { Bench } from 'tinybench';
import { createStore, entries, get, set, setMany, update } from 'idb-keyval';
import { createSyncHub, getDefaultHub, LocalSyncCache } from 'local-sync-cache';
import { createMemoryBus, createMemoryStore } from 'local-sync-cache/testing';
import { measureMapOperations } from '../lib/map-operations.mjs';
import { summarize } from '../lib/stats.mjs';
import { tanstackInvalidate } from './tanstack-invalidate.mjs';

/**
 * A time that means the same in every tab of the browser: each document's `performance.now()`
 * counts from its own origin, so add that origin. The page is cross-origin isolated (COOP and
 * COEP headers), which gives a 5 us clock instead of 100 us.
 */
const timestamp = () => performance.timeOrigin + performance.now();

/** The smallest step of this page's clock, in ms, to record beside the figures. */
function clockStep() {
  let smallest = Infinity;
  for (let probe = 0; probe < 200; probe++) {
    const start = performance.now();
    let next = performance.now();
    while (next === start) next = performance.now();
    smallest = Math.min(smallest, next - start);
  }
  return smallest;
}

/** A record shaped like the library's marker, so the baselines store the same kind of value. */
const markerLike = (gen) => ({ epoch: 'bench-epoch', gen, time: Date.now(), by: `bench#${gen}` });

/**
 * A hub whose store failures stop the benchmark: clear() and checkAll() never reject (errors go
 * to onError), and a clear that failed fast, or fell back to memory, would look like a fast one.
 */
function guardedHub(namespace) {
  const errors = [];
  const hub = createSyncHub({ namespace, onError: (error) => errors.push(error) });
  const assertHealthy = () => {
    if (errors.length > 0) throw new Error(`hub ${namespace}: ${errors[0]}`);
    if (hub.sharing !== 'indexeddb') throw new Error(`hub ${namespace}: markers are not in IndexedDB (sharing: ${hub.sharing})`);
  };
  return { hub, assertHealthy };
}

/**
 * Runs `tasks` (name -> async function) with tinybench in several rounds, flipping the order
 * every round so that ours and its baseline share the machine's good and bad spells, and pools
 * the retained samples (ms) per task. `beforeEach` maps a task name to an untimed step run before
 * each of its samples.
 */
async function roundsOf(tasks, { rounds, time, iterations }, beforeEach = {}) {
  const names = Object.keys(tasks);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, iterations, warmup: round === 0, retainSamples: true });
    // `beforeEach` (untimed) prepares a sample, e.g. a change for the check to find.
    for (const name of round % 2 === 0 ? names : [...names].reverse()) bench.add(name, tasks[name], { async: true, beforeEach: beforeEach[name] });
    await bench.run();
    for (const task of bench.tasks) {
      if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.error?.message ?? task.result.state}`);
      samples[task.name].push(...task.result.latency.samples);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
}

/** State of this tab in the propagation benchmark. */
const propagation = {
  cache: undefined,
  channel: undefined,
  arrivals: { ours: [], baseline: [], 'baseline + update': [], 'nudge object': [], 'nudge string': [] },
  wakeUps: new Set(),
};

/**
 * The nudge formats compared by the propagation benchmark: today's object (src/core/nudge.ts)
 * and a compact one, a single string `lsc1 <by> <id>`. Both go over the bare channel with the
 * decoding a receiver must do, so the rows differ only by the format's cost.
 */
const COMPACT_PREFIX = 'lsc1 ';
const REALM = Math.random().toString(16).slice(2, 18);
let nudgeSequence = 0;

function decodeObjectNudge(data) {
  if (typeof data !== 'object' || data === null) return 'malformed';
  const own = (key) => (Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined);
  const id = own('id');
  const by = own('by');
  const valid = own('type') === 'local-sync-cache:cleared' && own('version') === 1 && typeof id === 'string' && id.length > 0 && typeof by === 'string' && by.length > 0;
  return valid ? 'nudge object' : 'malformed';
}

function decodeCompactNudge(data) {
  const space = data.indexOf(' ', COMPACT_PREFIX.length);
  const by = data.slice(COMPACT_PREFIX.length, space);
  const id = data.slice(space + 1);
  return space > COMPACT_PREFIX.length && id.length > 0 && by.length > 0 ? 'nudge string' : 'malformed';
}

function arrived(kind, record) {
  propagation.arrivals[kind].push(record);
  for (const wake of [...propagation.wakeUps]) wake();
}

globalThis.benchPage = {
  ...tanstackInvalidate,

  environment() {
    return { crossOriginIsolated: globalThis.crossOriginIsolated === true, clockStepMs: clockStep(), userAgent: navigator.userAgent };
  },

  /** Benchmark 1 in this page's realm; in-memory transports, as the hot path never touches them. */
  mapOperations(options) {
    const hub = createSyncHub({ store: createMemoryStore(), notifier: createMemoryBus().connect() });
    return measureMapOperations({ Bench, createCache: (id) => new LocalSyncCache(id, { hub }), ...options });
  },

  /**
   * Benchmark 2, one tab's part. Both tabs use the default hub: real IndexedDB and the native
   * BroadcastChannel, as an app gets them. The receiver timestamps the moment its listener is
   * told and checks that the cache is already empty then; the bare channel beside it is the
   * baseline.
   */
  async propagationSetup(role) {
    const cache = new LocalSyncCache('bench-propagation');
    const channel = new BroadcastChannel('bench-propagation-baseline');
    propagation.cache = cache;
    propagation.channel = channel;
    if (role === 'receiver') {
      cache.subscribe((event) => {
        const at = timestamp();
        arrived('ours', { at, cause: event.cause, emptied: cache.size === 0 });
      });
      const scratch = new Map();
      channel.onmessage = ({ data }) => {
        // The two nudge formats are decoded and acted on (a Map emptied) as a receiver would;
        // the bare baseline only names its kind.
        const kind = typeof data === 'string' ? (data.startsWith(COMPACT_PREFIX) ? decodeCompactNudge(data) : data) : decodeObjectNudge(data);
        scratch.clear();
        arrived(kind, { at: timestamp(), cause: 'message', emptied: true });
      };
    }
    // Lets the first marker read finish, so no store work is in flight when sampling starts.
    await cache.checkState();
    if (getDefaultHub().sharing !== 'indexeddb') throw new Error(`propagation: markers are not in IndexedDB (sharing: ${getDefaultHub().sharing})`);
  },

  /** Receiver: gives the cache something to lose before every sample, ours or baseline alike. */
  propagationFill() {
    for (let key = 0; key < 100; key++) propagation.cache.set(key, `value ${key}`);
  },

  /**
   * Sender: starts one sample and returns its start time; resolves only when nothing is left in
   * flight. Kinds: `ours` (clear()), `baseline` (a bare message), and `baseline + update`, a
   * bare message followed at once by an idb-keyval update: what clear() does, without the
   * library, to show how much of ours is the store write that runs while the message travels.
   */
  async propagationSend(kind) {
    const start = timestamp();
    if (kind === 'ours') {
      // clear() posts its nudge at once, then commits the marker; waiting for the commit keeps
      // the next sample from starting while the store is still busy.
      await propagation.cache.clear();
    } else if (kind === 'nudge object') {
      propagation.channel.postMessage({ type: 'local-sync-cache:cleared', version: 1, id: 'bench-propagation', by: `${REALM}#${++nudgeSequence}` });
    } else if (kind === 'nudge string') {
      propagation.channel.postMessage(`${COMPACT_PREFIX}${REALM}#${++nudgeSequence} bench-propagation`);
    } else {
      propagation.channel.postMessage(kind);
      if (kind === 'baseline + update') await update('bench-propagation-update', (old) => markerLike((old?.gen ?? 0) + 1));
    }
    return start;
  },

  /** Receiver: the `count`-th arrival of `kind`, once it has happened. */
  propagationArrival(kind, count) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const record = propagation.arrivals[kind][count - 1];
        if (!record) return;
        propagation.wakeUps.delete(check);
        clearTimeout(timer);
        resolve(record);
      };
      const timer = setTimeout(() => {
        propagation.wakeUps.delete(check);
        reject(new Error(`propagation: arrival ${count} of ${kind} never came`));
      }, 10_000);
      propagation.wakeUps.add(check);
      check();
    });
  },

  /**
   * Benchmark 3: `checkAll()` with 1, 10, 100 and 1,000 caches registered, against one bare
   * idb-keyval `get`. One hub (and so one database) per count, so that every count is sampled
   * in the same rounds; `hub.checkAll()` is what the exported `checkAll()` calls on the default
   * hub. Every id has a marker in the store, as after some use of the app.
   */
  async checkAll({ counts, rounds, time, iterations }) {
    await set('bench-check-baseline', markerLike(1));
    // For reference, not a goal: what IndexedDB itself takes to hand over 100 markers in one
    // transaction, the floor under checkAll() with 100 caches.
    const hundredMarkers = createStore('bench-check-reference', 'markers');
    await setMany(Array.from({ length: 100 }, (_, index) => [`cache-${index}`, markerLike(1)]), hundredMarkers);
    const tasks = {
      'idb-keyval get': () => get('bench-check-baseline'),
      'idb-keyval entries 100': () => entries(hundredMarkers),
    };
    const checks = [];
    for (const count of counts) {
      const { hub, assertHealthy } = guardedHub(`bench-check-${count}`);
      checks.push(assertHealthy);
      const caches = Array.from({ length: count }, (_, index) => new LocalSyncCache(`cache-${index}`, { hub }));
      await Promise.all(caches.map((cache) => cache.clear()));
      await hub.checkAll();
      tasks[`checkAll ${count}`] = async () => {
        const result = await hub.checkAll();
        // Guards the figure: a check that empties caches would be measuring something else.
        if (result.checked.length !== count || result.emptied.length !== 0) throw new Error(`checkAll with ${count} caches: ${JSON.stringify(result).slice(0, 200)}`);
      };
    }
    // One cache of 100 changed by "another tab" before every sample: a hub on the same
    // database whose nudges go nowhere (a bus of its own), so only the check can find the clear.
    const { hub: changedHub, assertHealthy: changedHealthy } = guardedHub('bench-check-changed');
    checks.push(changedHealthy);
    const otherTab = createSyncHub({ namespace: 'bench-check-changed', notifier: createMemoryBus().connect() });
    const changedCaches = Array.from({ length: 100 }, (_, index) => new LocalSyncCache(`cache-${index}`, { hub: changedHub }));
    await Promise.all(changedCaches.map((cache) => cache.clear()));
    await changedHub.checkAll();
    let changed = 0;
    const changeOne = async () => {
      changed = (changed + 1) % 100;
      await otherTab.clear(`cache-${changed}`);
    };
    const checkChanged = async () => {
      const result = await changedHub.checkAll();
      if (result.emptied.length !== 1) throw new Error(`checkAll with one changed cache: ${JSON.stringify(result).slice(0, 200)}`);
    };
    const figures = await roundsOf({ ...tasks, 'checkAll 100 one-changed': checkChanged }, { rounds, time, iterations }, { 'checkAll 100 one-changed': changeOne });
    for (const assertHealthy of checks) assertHealthy();
    otherTab.close();
    return figures;
  },

  /** Benchmark 4: `clear()` until its marker is committed, against one bare idb-keyval `update`. */
  async clear({ rounds, time, iterations }) {
    await set('bench-clear-baseline', markerLike(1));
    const { hub, assertHealthy } = guardedHub('bench-clear');
    const cache = new LocalSyncCache('bench-clear', { hub });
    // Opens the database and writes the first marker, so samples only measure later clears.
    await cache.clear();
    const figures = await roundsOf(
      {
        // The same read-modify-write that clear() does, with nothing around it.
        'idb-keyval update': () => update('bench-clear-baseline', (old) => markerLike((old?.gen ?? 0) + 1)),
        'clear()': () => cache.clear(),
      },
      { rounds, time, iterations },
    );
    assertHealthy();
    return figures;
  },
};

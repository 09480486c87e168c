// Rows of the server-feed benchmarks, each with a stable `key` (remote-fanout-N, remote-fanout-N-memory,
// remote-server-latency, ...) so results can be compared across runs and branches.

/** 20 KB of server memory per connection (issue 13), in bytes. */
const MEMORY_GOAL = 20_000;

const ratioOf = (ours, baseline) => ({ p50: ours.p50 / baseline.p50, p99: ours.p99 / baseline.p99 });

/**
 * @param fanout from measureFanout()
 * @param latency from measureServerLatency()
 */
export function buildRemoteRows(fanout, latency) {
  const rows = [];
  for (const result of Object.values(fanout.results)) {
    const count = result.clients.toLocaleString('en');
    const reachedAll = result.reached === result.clients;
    rows.push({
      key: `remote-fanout-${result.clients}`,
      figure: `one clear to ${count} SSE clients of one server process: until the last has it, vs two clients`,
      unit: 'ms',
      ours: result.timeToLast,
      baseline: fanout.baseline.timeToLast,
      ratio: ratioOf(result.timeToLast, fanout.baseline.timeToLast),
      goal: `all ${count} reached`,
      met: reachedAll,
      reached: result.reached,
    });
    const perConnection = result.memory.rssPerConnection;
    rows.push({
      key: `remote-fanout-${result.clients}-memory`,
      figure: `server memory (RSS) per added connection at ${count} SSE clients (JS heap ${Math.round(result.memory.heapPerConnection)} B; all-in RSS/N ${Math.round(result.memory.rssAllInPerConnection)} B), vs its goal`,
      unit: 'B',
      ours: { p50: perConnection, p99: perConnection },
      baseline: { p50: MEMORY_GOAL, p99: MEMORY_GOAL },
      ratio: { p50: perConnection / MEMORY_GOAL, p99: perConnection / MEMORY_GOAL },
      goal: `<= ${MEMORY_GOAL} B (ratio <= 1)`,
      met: perConnection <= MEMORY_GOAL,
      heapPerConnection: result.memory.heapPerConnection,
    });
  }
  rows.push({
    key: 'remote-server-latency',
    figure: 'publish() on Redis -> SSE client has it vs a bare XADD -> XREAD BLOCK round trip',
    unit: 'ms',
    ours: latency.redis,
    baseline: latency.bare,
    ratio: ratioOf(latency.redis, latency.bare),
    goal: null,
    met: null,
  });
  rows.push({
    key: 'remote-latency',
    figure: 'publish() on Redis -> a Chromium tab\'s cache empty (connectRemote, leader tab) vs a bare XADD -> XREAD BLOCK round trip',
    unit: 'ms',
    ours: latency.tab,
    baseline: latency.bare,
    ratio: ratioOf(latency.tab, latency.bare),
    goal: '<= 3 (p50)',
    met: latency.tab.p50 / latency.bare.p50 <= 3,
    // The tab's clock is matched to Node's per block; every tab figure may be off by this much, either way.
    clockErrorMs: latency.clockError,
  });
  rows.push({
    key: 'remote-latency-eventsource',
    figure: '(reference) publish() on Redis -> a bare EventSource in that tab has it (the platform\'s share), vs the same XADD -> XREAD',
    unit: 'ms',
    ours: latency.tabEventSource,
    baseline: latency.bare,
    ratio: ratioOf(latency.tabEventSource, latency.bare),
    goal: null,
    met: null,
  });
  rows.push({
    key: 'remote-latency-fetch-stream',
    figure: '(reference) publish() on Redis -> a fetch() body reader in that tab has the chunk (the other browser transport), vs the same XADD -> XREAD',
    unit: 'ms',
    ours: latency.tabFetch,
    baseline: latency.bare,
    ratio: ratioOf(latency.tabFetch, latency.bare),
    goal: null,
    met: null,
  });
  rows.push({
    key: 'remote-server-latency-embedded',
    figure: '(reference) publish() on the embedded stream -> SSE client has it vs the same XADD -> XREAD',
    unit: 'ms',
    ours: latency.embedded,
    baseline: latency.bare,
    ratio: ratioOf(latency.embedded, latency.bare),
    goal: null,
    met: null,
  });
  return rows;
}

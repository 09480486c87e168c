// Turns the measurements into the rows that `npm run bench` prints and saves: one figure per
// row, ours beside its baseline from the same run, their ratio, and the goal it is held to.

/** Goals on ratios (ours / baseline), from issue 11. Only the benchmark output judges speed; tests never do. */
const GOALS = {
  mapOperation: { text: 'p50 ratio <= 1.05', met: (ratio) => ratio.p50 <= 1.05 },
  propagation: { text: 'p50 ratio <= 1.10, p99 ratio <= 1.5', met: (ratio) => ratio.p50 <= 1.1 && ratio.p99 <= 1.5 },
  unchangedCheck: { text: 'p50 ratio <= 1.2', met: (ratio) => ratio.p50 <= 1.2 },
  changedCheck: { text: 'p50 ratio <= 1.5', met: (ratio) => ratio.p50 <= 1.5 },
  clearCommit: { text: 'p50 ratio <= 1.3', met: (ratio) => ratio.p50 <= 1.3 },
  // "Grows far slower than the count": read as at most a tenth of the count's growth.
  growth: { text: 'growth / count growth <= 0.1', met: (ratio) => ratio.p50 <= 0.1 },
};

/** One row. `key` is stable across runs and versions, for tools that compare results files. */
function comparison(key, figure, unit, ours, baseline, goal) {
  const ratio = { p50: ours.p50 / baseline.p50, p99: ours.p99 / baseline.p99 };
  return { key, figure, unit, ours, baseline, ratio, goal: goal?.text ?? null, met: goal ? goal.met(ratio) : null };
}

/**
 * @param results `{ node: { mapOperations }, chromium: { mapOperations, propagation, checkAll, clear, tanstackInvalidate? } }`
 * @param checkCounts the cache counts of the checkAll benchmark, ascending
 */
export function buildRows(results, checkCounts) {
  const rows = [];
  for (const [realm, label] of [['node', 'Node'], ['chromium', 'Chromium']]) {
    for (const [operation, { ours, baseline }] of Object.entries(results[realm].mapOperations)) {
      rows.push(comparison(`map-${operation}-${realm}`, `${operation}() on a filled LocalSyncCache vs Map (${label})`, 'ns', ours, baseline, GOALS.mapOperation));
    }
  }
  const { propagation, checkAll, clear } = results.chromium;
  rows.push(comparison('propagation', 'clear() in tab A -> tab B empty + told vs one BroadcastChannel message', 'ms', propagation.ours, propagation.baseline, GOALS.propagation));
  // No goal: it shows how much a store write started right after a bare message slows that message.
  rows.push(comparison('propagation-message-and-write', '(reference) that message + an idb-keyval update after it vs the message', 'ms', propagation['baseline + update'], propagation.baseline));
  // The nudge format, measured alone (issue 11): today's object vs one short string, each decoded by the receiver.
  rows.push(comparison('nudge-format-object', '(reference) an object nudge, decoded, vs the bare message', 'ms', propagation['nudge object'], propagation.baseline));
  rows.push(comparison('nudge-format-string', '(reference) a one-string nudge, decoded, vs the bare message', 'ms', propagation['nudge string'], propagation.baseline));
  const get = checkAll['idb-keyval get'];
  for (const count of checkCounts) {
    const caches = `${count.toLocaleString('en')} ${count === 1 ? 'cache' : 'caches'}`;
    rows.push(comparison(`checkAll-${count}-unchanged`, `checkAll() with ${caches}, nothing changed, vs one idb-keyval get`, 'ms', checkAll[`checkAll ${count}`], get, count === 1000 ? GOALS.unchangedCheck : undefined));
  }
  rows.push(comparison('checkAll-100-one-changed', 'checkAll() with 100 caches, one cleared by another tab, vs one idb-keyval get', 'ms', checkAll['checkAll 100 one-changed'], get, GOALS.changedCheck));
  rows.push(comparison('idb-entries-100', '(reference) idb-keyval entries() of 100 markers vs one get', 'ms', checkAll['idb-keyval entries 100'], get));
  const fewest = checkCounts[0];
  const most = checkCounts.at(-1);
  const countGrowth = most / fewest;
  const costGrowth = { p50: checkAll[`checkAll ${most}`].p50 / checkAll[`checkAll ${fewest}`].p50, p99: checkAll[`checkAll ${most}`].p99 / checkAll[`checkAll ${fewest}`].p99 };
  const growthRatio = { p50: costGrowth.p50 / countGrowth, p99: costGrowth.p99 / countGrowth };
  rows.push({
    key: 'checkAll-growth',
    figure: `checkAll() growth ${fewest} -> ${most.toLocaleString('en')} caches vs count growth`,
    unit: 'x',
    ours: costGrowth,
    baseline: { p50: countGrowth, p99: countGrowth },
    ratio: growthRatio,
    goal: GOALS.growth.text,
    met: GOALS.growth.met(growthRatio),
  });
  rows.push(comparison('clear-commit', 'clear() until its marker is committed vs one idb-keyval update', 'ms', clear['clear()'], clear['idb-keyval update'], GOALS.clearCommit));
  if (results.chromium.tanstackInvalidate) {
    const { ours, baseline } = results.chromium.tanstackInvalidate;
    // No goal was set: the broadcast client sends whole states and reaches live tabs only, so the
    // row shows what reaching every tab (markers, checks) costs against it on the live path.
    rows.push(comparison('tanstack-invalidate', "tanstack-invalidate: invalidate in tab A -> B's query invalid vs broadcast client setQueryData A -> B", 'ms', ours, baseline));
  }
  return rows;
}

/** Three significant digits or so, never scientific notation. */
function number(value) {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return value.toFixed(magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3);
}

function cell({ p50, p99 }, unit) {
  const suffix = unit === 'x' ? '' : ` ${unit}`;
  const prefix = unit === 'x' ? 'x' : '';
  return p50 === p99 ? `${prefix}${number(p50)}${suffix}` : `${prefix}${number(p50)}${suffix} (p99 ${prefix}${number(p99)})`;
}

/** A plain-text table: p50 first, p99 in brackets, in every cell that has both. */
export function formatTable(rows) {
  const header = ['figure', 'ours', 'baseline', 'ratio', 'goal', 'met?'];
  const lines = rows.map((row) => [
    row.figure,
    cell(row.ours, row.unit),
    cell(row.baseline, row.unit),
    row.ratio.p50 === row.ratio.p99 ? number(row.ratio.p50) : `${number(row.ratio.p50)} (p99 ${number(row.ratio.p99)})`,
    row.goal ?? '-',
    row.met === null ? '-' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const render = (line) => line.map((text, column) => text.padEnd(widths[column])).join('  ').trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(render)].join('\n');
}

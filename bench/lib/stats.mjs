// Summary statistics for every figure of the benchmark, so that ours and its baseline are
// always reduced the same way. Runs in Node and in the bench page.

/** Nearest-rank percentile of ascending `sorted`: an observed sample, never an interpolation. */
export function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Median, p99 and friends of raw samples (any unit; the caller knows which). */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  let total = 0;
  for (const value of sorted) total += value;
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: total / sorted.length,
  };
}

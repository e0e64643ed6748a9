/** The median of some samples; the mean of the middle two for an even count. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** The sample below which `percent` of the samples fall, by nearest rank. */
export function percentile(samples: readonly number[], percent: number): number {
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  if (percent === 50 && sorted.length % 2 === 0) {
    const upper = sorted.length / 2;
    return ((sorted[upper - 1] ?? 0) + (sorted[upper] ?? 0)) / 2;
  }
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1] ?? Number.NaN;
}

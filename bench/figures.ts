// Bench figures as data: every measurement is a median over rounds, next to the median of a
// baseline measured in the same run, so `npm run bench -- --json` and the human table say the
// same thing. PURE (numbers in, records and text out); the timing lives in run.ts/sections.ts.

/** One bench figure (the `figures` entries of `npm run bench -- --json`). */
export interface Figure {
  /** Stable kebab-case id, e.g. `world-steps-per-second`. */
  name: string;
  /** Median of `samples`. */
  value: number;
  unit: string;
  /** What the figure is compared with, measured in the same run (null: nothing to compare). */
  baseline: string | null;
  /** Median of `baselineSamples`. */
  baselineValue: number | null;
  /** value / baselineValue, rounded to 3 decimals (null without a baseline). */
  ratio: number | null;
  /** Rounds measured (each side, alternating when there is a baseline). */
  rounds: number;
  /** One value per round, in the order measured. */
  samples: number[];
  baselineSamples: number[] | null;
  /** What was measured, in a few words (scope, bounds, seeds). */
  note?: string;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A figure from per-round samples and, optionally, the baseline's per-round samples. */
export function figure(name: string, unit: string, samples: readonly number[], baseline?: { name: string; samples: readonly number[] }, note?: string): Figure {
  const value = median(samples);
  const baselineValue = baseline ? median(baseline.samples) : null;
  return {
    name,
    value: round(value, 3),
    unit,
    baseline: baseline?.name ?? null,
    baselineValue: baselineValue === null ? null : round(baselineValue, 3),
    ratio: baselineValue ? round(value / baselineValue, 3) : null,
    rounds: samples.length,
    samples: samples.map((x) => round(x, 3)),
    baselineSamples: baseline ? baseline.samples.map((x) => round(x, 3)) : null,
    ...(note ? { note } : {}),
  };
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMiB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
export const fmtPct = (n: number) => `${(n * 100).toFixed(2)} %`;
export const fmtRatio = (n: number | null) => (n === null ? '-' : `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}x`);

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Figures as one table: name, median, unit, baseline median, ratio. */
export function figuresTable(figures: readonly Figure[]): string {
  return table(
    ['figure', 'median', 'unit', 'baseline', 'baseline median', 'ratio'],
    figures.map((f) => [f.name, fmtValue(f.value), f.unit, f.baseline ?? '-', f.baselineValue === null ? '-' : fmtValue(f.baselineValue), fmtRatio(f.ratio)]),
  );
}

function fmtValue(x: number): string {
  return Math.abs(x) >= 100 ? fmtInt(x) : String(round(x, 2));
}

import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  /** Per-operation latencies in milliseconds, when measured one by one. */
  readonly latenciesMs?: number[];
  /** Bytes moved, for throughput benchmarks. */
  readonly bytes?: number;
  /** Name of the measurement in the same list to compare with; the first one by default. */
  readonly comparedTo?: string;
}

export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(report: (line: string) => void): Promise<Measurement[]>;
}

/** Runs `operation` `count` times one after another, timing each, with a progress line. */
export async function timeEach(
  name: string,
  count: number,
  operation: (index: number) => Promise<unknown> | unknown,
  report: (line: string) => void,
): Promise<Measurement> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  let lastReport = started;
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await operation(i);
    const t1 = performance.now();
    latenciesMs.push(t1 - t0);
    if (t1 - lastReport > 1000) {
      report(`  ${name}: ${i + 1}/${count}`);
      lastReport = t1;
    }
  }
  return { name, operations: count, seconds: (performance.now() - started) / 1000, latenciesMs };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One row per measurement, with the ratio to its baseline (the first, unless it names another). */
export function formatTable(measurements: readonly Measurement[]): string {
  const rows = measurements.map((m) => {
    const baseline = m.comparedTo ? measurements.find((b) => b.name === m.comparedTo) : measurements[0];
    const rate = m.operations / m.seconds;
    const cells = [
      m.name,
      `${m.operations}`,
      `${m.seconds.toFixed(2)} s`,
      m.bytes !== undefined
        ? `${(m.bytes / m.seconds / 1024 / 1024).toFixed(1)} MiB/s`
        : `${rate.toFixed(0)} /s`,
      m.latenciesMs ? `${percentile(m.latenciesMs, 50).toFixed(3)} ms` : '',
      m.latenciesMs ? `${percentile(m.latenciesMs, 99).toFixed(3)} ms` : '',
      baseline && m !== baseline ? `${(m.seconds / baseline.seconds).toFixed(2)}× baseline time` : 'baseline',
    ];
    return cells;
  });
  const header = ['measurement', 'ops', 'time', 'rate', 'p50', 'p99', 'vs baseline'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

import { auditedWriteBenchmark } from './audited-write.bench.ts';
import { blobStoreBenchmark } from './blob-store.bench.ts';
import { cryptoBenchmark } from './crypto.bench.ts';
import { deadlineRushBenchmark } from './deadline-rush.bench.ts';
import { type Benchmark, formatTable } from './harness.ts';
import { hubBenchmark } from './hub.bench.ts';
import { ledgerBenchmark } from './ledger.bench.ts';
import { openingBenchmark } from './opening.bench.ts';

/**
 * `npm run bench [-- name …]`: runs the named benchmarks (all by default). Each measures the
 * project's code against a baseline run in the same process: the raw library, disk or cipher.
 */
const BENCHMARKS: readonly Benchmark[] = [
  auditedWriteBenchmark,
  blobStoreBenchmark,
  cryptoBenchmark,
  deadlineRushBenchmark,
  hubBenchmark,
  ledgerBenchmark,
  openingBenchmark,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length) {
  console.error(
    `error: unknown benchmark(s) ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}

for (const benchmark of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  console.log(`\n## ${benchmark.name}: ${benchmark.description}`);
  // Worker pools unref their threads; without a handle of its own the process could exit mid-await.
  const keepAlive = setInterval(() => {}, 60_000);
  const measurements = await benchmark.run((line) => process.stderr.write(`${line}\n`));
  clearInterval(keepAlive);
  console.log(formatTable(measurements));
}

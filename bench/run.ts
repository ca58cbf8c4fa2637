import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from '../local/dynamo/dynamodb-local.js';
import { budgetContention } from './budget-contention.js';
import { churnScoring } from './churn-scoring.js';
import { coldStart } from './cold-start.js';
import { costPer1000Carts } from './cost.js';
import { pipelineThroughput } from './pipeline-throughput.js';
import { measureRecalledCarts, requestsPerRecalledCart } from './recalled-cart.js';
import { type BenchName, type BenchResult, benchNames, type Shortfall } from './result.js';
import { fullSizes, tinySizes } from './sizes.js';

// The AWS SDK warns about Node 20 on its first client; the benchmark prints only its own summary.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: flags } = parseArgs({
  options: {
    tiny: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
  },
});
/** `--only cold-start,churn-scoring` runs just those (for working on one figure; the full run is the record). */
const only = flags.only?.split(',').map((name) => name.trim());
const sizes = flags.tiny ? tinySizes : fullSizes;
const outFile = resolve(flags.out ?? join(repoRoot, 'bench', 'results.json'));

/** Invariants that hold at any size; a breach fails the run (timing targets only report). */
const invariantBreaches = (results: BenchResult[]): Shortfall[] => {
  const budget = results.find((result) => result.name === 'budget-contention');
  const overspend = budget?.notes.overspend;
  return budget && overspend !== 0
    ? [
        {
          bench: 'budget-contention',
          problem: `a capped scope was overspent by ${String(overspend)} reservations`,
        },
      ]
    : [];
};

const targets: Record<BenchName, (result: BenchResult) => boolean> = {
  'requests-per-recalled-cart': () => true,
  'cost-per-1000-carts': (result) => result.ratio <= 1.15,
  'budget-contention': (result) =>
    result.ratio >= 0.8 &&
    result.notes.overspend === 0 &&
    Number(
      (result.notes.sharded as { busiestItemWritesPerReservation?: number }).busiestItemWritesPerReservation,
    ) <= 0.2,
  'cold-start': (result) => result.ratio <= 1.5,
  'pipeline-throughput': (result) => result.ratio >= 0.25,
  'churn-scoring': (result) => result.ratio >= 0.5,
};

const started = performance.now();
const dynamo = process.env.DYNAMODB_ENDPOINT
  ? { endpoint: process.env.DYNAMODB_ENDPOINT, stop: async () => {} }
  : await startDynamoDbLocal();
const results = new Map<BenchName, BenchResult>();
const shortfalls: Shortfall[] = [];
const attempt = async (names: BenchName[], work: () => Promise<void>) => {
  if (only && !names.some((name) => only.includes(name))) return;
  const began = performance.now();
  try {
    await work();
  } catch (error) {
    for (const bench of names) shortfalls.push({ bench, problem: `did not finish: ${String(error)}` });
  }
  process.stdout.write(`  ${names.join(', ')}: ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
};

try {
  process.stdout.write(
    `nudge bench${flags.tiny ? ' (tiny)' : ''} against DynamoDB Local at ${dynamo.endpoint}\n`,
  );
  await attempt(['cold-start'], async () => {
    const measured = await coldStart({
      repoRoot,
      runs: sizes.coldStartRuns,
      parallel: sizes.coldStartParallel,
    });
    results.set('cold-start', measured.result);
    shortfalls.push(...measured.shortfalls);
  });
  await attempt(['pipeline-throughput'], async () => {
    results.set(
      'pipeline-throughput',
      await pipelineThroughput({
        endpoint: dynamo.endpoint,
        repoRoot,
        events: sizes.pipelineEvents,
        concurrency: sizes.pipelineConcurrency,
      }),
    );
  });
  await attempt(['budget-contention'], async () => {
    results.set(
      'budget-contention',
      await budgetContention({
        endpoint: dynamo.endpoint,
        reservations: sizes.budgetReservations,
        concurrency: sizes.budgetConcurrency,
        shards: sizes.budgetShards,
      }),
    );
  });
  await attempt(['churn-scoring'], async () => {
    results.set(
      'churn-scoring',
      await churnScoring({
        endpoint: dynamo.endpoint,
        customers: sizes.churnCustomers,
        segments: sizes.churnSegments,
        inProcessScores: sizes.churnInProcessScores,
      }),
    );
  });
  await attempt(['requests-per-recalled-cart', 'cost-per-1000-carts'], async () => {
    const measured = await measureRecalledCarts({
      endpoint: dynamo.endpoint,
      repoRoot,
      carts: sizes.recalledCarts,
    });
    results.set('requests-per-recalled-cart', requestsPerRecalledCart(measured.perCart));
    results.set('cost-per-1000-carts', costPer1000Carts(measured.perCart));
    shortfalls.push(...measured.shortfalls);
  });
} finally {
  await dynamo.stop();
}

const ordered = benchNames.flatMap((name) => {
  const result = results.get(name);
  if (!result) return [];
  result.notes.targetMet = targets[name](result);
  return [result];
});
shortfalls.push(...invariantBreaches(ordered));
await writeFile(outFile, `${JSON.stringify(ordered, null, 2)}\n`);

const pad = (text: string, width: number) => text.padEnd(width);
process.stdout.write(
  `\n${pad('benchmark', 28)}${pad('value', 14)}${pad('baseline', 14)}${pad('ratio', 9)}target\n`,
);
for (const result of ordered) {
  const met = result.notes.targetMet ? 'met' : 'NOT met';
  process.stdout.write(
    `${pad(result.name, 28)}${pad(String(result.value), 14)}${pad(String(result.baseline), 14)}${pad(String(result.ratio), 9)}${met}\n`,
  );
}
process.stdout.write(`\nwrote ${outFile} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
if (shortfalls.length > 0) {
  process.stderr.write(`\n${shortfalls.length} problem(s):\n`);
  for (const shortfall of shortfalls) process.stderr.write(`  ${shortfall.bench}: ${shortfall.problem}\n`);
  process.exitCode = 1;
}

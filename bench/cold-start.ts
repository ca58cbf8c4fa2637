import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { awsEnvSchema } from '../functions/adapters/aws/aws-env.js';
import { functionIds } from '../functions/routes.js';
import { functionSpecs } from '../infra/function-specs.js';
import { type BundleOutcome, bundleEntry, bundleSource } from './lambda-bundle.js';
import { median, runPool } from './pool.js';
import { type BenchResult, ratioOf, round, type Shortfall } from './result.js';

const run = promisify(execFile);

// What every Lambda reads at cold start; the values only have to parse (see aws-env.ts).
const arn = 'arn:aws:lambda:us-east-1:123456789012:function:bench';
const lambdaEnvironment = (): Record<string, string> => {
  const values = Object.fromEntries(
    Object.keys(awsEnvSchema.shape).map((name) => [name, name.startsWith('TABLE_') ? `bench-${name}` : arn]),
  );
  return {
    ...values,
    EVENT_BUS_NAME: 'bench',
    SES_CONFIGURATION_SET: 'bench',
    SCHEDULE_GROUP_NAME: 'bench',
    CHURN_WORKER_FUNCTION_NAME: 'bench-churn-worker',
    UNSUBSCRIBE_URL: 'https://example.com/unsubscribe',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
};

const importProbe =
  'const cpu = process.cpuUsage(); const started = performance.now(); await import(process.argv[1]); ' +
  'const ms = performance.now() - started; const used = process.cpuUsage(cpu); ' +
  "process.stdout.write(ms + ' ' + (used.user + used.system) / 1000); process.exit(0);";

interface ImportTime {
  /** Wall-clock milliseconds: the figure the benchmark reports. */
  ms: number;
  /** CPU milliseconds of the process meanwhile: steadier when other work shares the machine. */
  cpuMs: number;
}

/** Time to import the bundle in a fresh Node process (module evaluation included). */
const timeImport = async (file: string, env: Record<string, string>): Promise<ImportTime> => {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', importProbe, pathToFileURL(file).href],
    { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
  );
  const [ms, cpuMs] = stdout.trim().split(' ').map(Number);
  if (!Number.isFinite(ms) || !Number.isFinite(cpuMs)) {
    throw new Error(`import of ${file} printed ${JSON.stringify(stdout)}`);
  }
  return { ms: ms as number, cpuMs: cpuMs as number };
};

const baselineSource =
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n" +
  'const client = new DynamoDBClient({});\n' +
  'export const handler = async () => client.config.serviceId;\n';

// Every SDK client aws-deps.ts builds at module scope: the floor of today's entry points.
const allClientsSource =
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n" +
  "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\n" +
  "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';\n" +
  "import { SchedulerClient } from '@aws-sdk/client-scheduler';\n" +
  "import { SESClient } from '@aws-sdk/client-ses';\n" +
  'const clients = [DynamoDBDocumentClient.from(new DynamoDBClient({})), new EventBridgeClient({}), new SchedulerClient({}), new SESClient({})];\n' +
  'export const handler = async () => clients.length;\n';

export interface ColdStartOptions {
  repoRoot: string;
  runs: number;
  /** Imports timed side by side; 1 for a measurement, more for a smoke run where only success counts. */
  parallel: number;
}

/**
 * `cold-start`: every function bundled as the stack bundles it, each imported `runs` times in a
 * fresh Node process; the worst function's median against a bundle of the DynamoDB client alone.
 */
export const coldStart = async (
  options: ColdStartOptions,
): Promise<{ result: BenchResult; shortfalls: Shortfall[] }> => {
  const outDir = await mkdtemp(join(tmpdir(), 'nudge-bench-bundles-'));
  try {
    const [baseline, allClients, ...bundles] = await Promise.all([
      bundleSource(options.repoRoot, baselineSource, outDir, 'baseline-dynamodb-client'),
      bundleSource(options.repoRoot, allClientsSource, outDir, 'all-sdk-clients'),
      ...functionIds.map((id) => bundleEntry(options.repoRoot, functionSpecs[id].entry, outDir, id)),
    ]);
    if (!baseline?.ok) throw new Error(`the baseline bundle failed: ${baseline?.error}`);
    if (!allClients?.ok) throw new Error(`the SDK clients bundle failed: ${allClients?.error}`);
    const built = functionIds
      .map((id, index) => ({ id, bundle: bundles[index] as BundleOutcome }))
      .filter(
        (entry): entry is { id: (typeof functionIds)[number]; bundle: BundleOutcome & { ok: true } } =>
          entry.bundle.ok,
      );
    const missing = functionIds.flatMap((id, index) => {
      const bundle = bundles[index] as BundleOutcome;
      return bundle.ok ? [] : [{ function: id, error: bundle.error }];
    });

    const env = lambdaEnvironment();
    const samples = new Map<string, ImportTime[]>([
      ['baseline', []],
      ['allClients', []],
      ...built.map(({ id }) => [id, []] as [string, ImportTime[]]),
    ]);
    const failures: Array<{ function: string; error: string }> = [];
    // Interleaved, so a noisy moment on this machine spreads over every function alike.
    for (let runIndex = 0; runIndex < options.runs; runIndex += 1) {
      const imports = [
        { id: 'baseline', file: baseline.file },
        { id: 'allClients', file: allClients.file },
        ...built.map(({ id, bundle }) => ({ id, file: bundle.file })),
      ];
      // Rotated each run, so no bundle always goes first (the first spawn after a pause runs slower).
      await runPool(imports.length, options.parallel, async (index) => {
        const { id, file } = imports[(index + runIndex) % imports.length]!;
        if (failures.some((failure) => failure.function === id)) return;
        try {
          samples.get(id)!.push(await timeImport(file, env));
        } catch (error) {
          failures.push({ function: id, error: String(error).slice(0, 300) });
        }
      });
    }

    const wall = (id: string) => median(samples.get(id)!.map((sample) => sample.ms));
    const cpu = (id: string) => median(samples.get(id)!.map((sample) => sample.cpuMs));
    const baselineMs = wall('baseline');
    const baselineCpuMs = cpu('baseline');
    const medians = built
      .filter(({ id }) => samples.get(id)!.length > 0 && !failures.some((failure) => failure.function === id))
      .map(({ id, bundle }) => ({ id, ms: wall(id), cpuMs: cpu(id), bytes: bundle.bytes }))
      .sort((a, b) => b.ms - a.ms);
    const worst = medians[0];
    const value = worst?.ms ?? 0;
    const shortfalls: Shortfall[] = [...missing, ...failures].map((entry) => ({
      bench: 'cold-start',
      problem: `${entry.function}: ${entry.error}`,
    }));
    return {
      shortfalls,
      result: {
        name: 'cold-start',
        value: round(value, 1),
        unit: 'ms (median import of the slowest function bundle)',
        baseline: round(baselineMs, 1),
        ratio: ratioOf(value, baselineMs),
        notes: {
          worstFunction: worst?.id ?? null,
          runsPerBundle: options.runs,
          target: 'ratio <= 1.5',
          baselineBundle: `@aws-sdk/client-dynamodb only, ${kib(baseline.bytes)} KiB`,
          baselineCpuMs: round(baselineCpuMs, 1),
          cpu: 'medianCpuMs and cpuRatio: CPU time of the importing process; steadier than wall time on a busy machine',
          allSdkClients: {
            meaning:
              'a bundle of only the SDK clients aws-deps.ts builds for every function (DynamoDB, EventBridge, Scheduler, SES)',
            medianImportMs: round(wall('allClients'), 1),
            ratio: ratioOf(wall('allClients'), baselineMs),
            cpuRatio: ratioOf(cpu('allClients'), baselineCpuMs),
            bundleKiB: kib(allClients.bytes),
          },
          functions: Object.fromEntries(
            medians.map(({ id, ms, cpuMs, bytes }) => [
              id,
              {
                medianImportMs: round(ms, 1),
                ratio: ratioOf(ms, baselineMs),
                medianCpuMs: round(cpuMs, 1),
                cpuRatio: ratioOf(cpuMs, baselineCpuMs),
                bundleKiB: kib(bytes),
              },
            ]),
          ),
          missing: missing.map((entry) => entry.function),
          importFailures: failures,
          bundling: 'esbuild as NodejsFunction: ESM, node22, minified, source map, AWS SDK bundled',
        },
      },
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
};

const kib = (bytes: number): number => round(bytes / 1024, 1);

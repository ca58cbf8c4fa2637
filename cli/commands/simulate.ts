import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MemoryLog } from '../../functions/shared/logger.js';
import { activateMissingSwitches } from '../../functions/simulation/activate-switches.js';
import { type SimulationConfig, simulationConfigSchema } from '../../functions/simulation/config.js';
import { progressBar } from '../../functions/simulation/progress-bar.js';
import { renderReport } from '../../functions/simulation/report-html.js';
import { runSimulation } from '../../functions/simulation/run-simulation.js';
import { httpShopRuntime } from '../../functions/simulation/runtime-client.js';
import type { SimulationSummary } from '../../functions/simulation/summary.js';
import { summaryText } from '../../functions/simulation/summary-text.js';
import { startDynamoDbLocal } from '../../local/dynamo/dynamodb-local.js';
import { startLocalRuntime } from '../../local/runtime.js';
import type { CliIo, ExitCode } from '../io.js';

const USAGE = `Usage: nudge simulate --customers <n> --days <d> --seed <s> [options]

Runs a synthetic shop through the local runtime in virtual time: customers whose cart sessions
follow a BG/NBD process, about 70% of carts abandoned (Baymard), a natural return that fades
with time, and extra purchases after reminders and coupons. Prints a summary; the same seed
gives the same summary.

  --customers <n>          customers in the shop (default 500)
  --days <d>               virtual days to run (default 14)
  --seed <s>               seed of the generator (default 1)
  --report <file.html>     write a self-contained HTML report with charts
  --json <file.json>       write the JSON summary ("-" for standard output)
  --uplift-reminder <p>    extra chance to buy after a reminder (default 0.05)
  --uplift-coupon <p>      further extra chance when the email carries a coupon (default 0.05)
  --rules <dir>            rules folder to run with (default rules/)
  --start <ISO instant>    where virtual time starts (default 2025-03-03T00:00:00Z)
  --help                   show this text
`;

const USER_FIXABLE = new Set(['InvalidRulesError', 'StartupError']);

class UsageError extends Error {
  override name = 'UsageError';
}

const numberFlag = (values: Record<string, unknown>, name: string, fallback: number): number => {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a number, not "${String(raw)}".`);
  }
  return value;
};

export const parseSimulateArgs = (argv: string[]) => {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      customers: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'string' },
      'uplift-reminder': { type: 'string' },
      'uplift-coupon': { type: 'string' },
      rules: { type: 'string' },
      start: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const parsed = simulationConfigSchema.safeParse({
    customers: numberFlag(values, 'customers', 500),
    days: numberFlag(values, 'days', 14),
    seed: numberFlag(values, 'seed', 1),
    upliftReminder: numberFlag(values, 'uplift-reminder', 0.05),
    upliftCoupon: numberFlag(values, 'uplift-coupon', 0.05),
    ...(values.start ? { start: values.start } : {}),
  });
  if (!parsed.success) {
    const flags: Record<string, string> = {
      upliftReminder: 'uplift-reminder',
      upliftCoupon: 'uplift-coupon',
    };
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `--${flags[key] ?? key}: ${issue.message}`;
    });
    throw new UsageError(problems.join('\n'));
  }
  return {
    help: values.help ?? false,
    config: parsed.data,
    report: values.report,
    json: values.json,
    rules: values.rules ?? 'rules',
  };
};

/** Starts a private runtime (its own DynamoDB Local, virtual clock, no demo) and runs the shop through it. */
export async function simulateWithLocalRuntime(
  config: SimulationConfig,
  options: {
    rulesDir: string;
    onProgress?: (done: number, total: number) => void;
    /** A running DynamoDB (tests share one); default: start DynamoDB Local for this run. */
    dynamoEndpoint?: string;
  },
): Promise<SimulationSummary> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nudge-simulate-'));
  // In memory: a run is thrown away at the end, and DynamoDB Local is several times faster so.
  const ownDynamo = options.dynamoEndpoint ? undefined : await startDynamoDbLocal();
  const runtime = await startLocalRuntime({
    port: 0,
    clock: 'virtual',
    start: new Date(config.start),
    rulesDir: options.rulesDir,
    demo: false,
    dataDir,
    fresh: true,
    dynamoEndpoint: options.dynamoEndpoint ?? ownDynamo?.endpoint,
    tablePrefix: `nudge-sim-${randomUUID().slice(0, 8)}`,
    log: new MemoryLog(),
  });
  try {
    await activateMissingSwitches(runtime.deps, runtime.url);
    const readOutbox = (offset: number) => runtime.outbox.list().slice(offset);
    return await runSimulation(config, httpShopRuntime(runtime.url, readOutbox), options.onProgress);
  } finally {
    await runtime.stop();
    await ownDynamo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runSimulate(argv: string[], io: CliIo & { stderrIsTty?: boolean }): Promise<ExitCode> {
  let args: ReturnType<typeof parseSimulateArgs>;
  try {
    args = parseSimulateArgs(argv);
  } catch (error) {
    io.stderr(`nudge simulate: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const bar = progressBar(io.stderr, io.stderrIsTty ?? process.stderr.isTTY === true, 'simulating');
  const began = performance.now();
  let summary: SimulationSummary;
  try {
    summary = await simulateWithLocalRuntime(args.config, {
      rulesDir: resolve(io.cwd, args.rules),
      onProgress: bar.update,
    });
  } catch (error) {
    // The runtime could not start: no rules folder, invalid rules, no Java. Say what to fix.
    if (error instanceof Error && USER_FIXABLE.has(error.name)) {
      io.stderr(`nudge simulate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const seconds = (performance.now() - began) / 1000;
  bar.finish(
    `simulated ${args.config.days} days of ${args.config.customers} customers in ${seconds.toFixed(1)} s`,
  );
  const json = `${JSON.stringify(summary, null, 2)}\n`;
  if (args.json === '-') io.stdout(json);
  else {
    if (args.json) writeFileSync(resolve(io.cwd, args.json), json);
    io.stdout(summaryText(summary));
  }
  if (args.report) {
    writeFileSync(resolve(io.cwd, args.report), renderReport(summary));
    io.stderr(`report written to ${args.report}\n`);
  }
  return 0;
}

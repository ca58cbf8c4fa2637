import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BenchResult, benchNames, benchResultSchema } from '../../bench/result.js';

const run = promisify(execFile);

/** `npm run bench -- --tiny` as the CLI runs it, against this test run's DynamoDB Local. */
describe('the benchmarks, run tiny', () => {
  let outDir: string;
  let exit: { code: number; stderr: string };
  let results: BenchResult[];
  const byName = (name: string) => results.find((result) => result.name === name)!;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'nudge-bench-tiny-'));
    const out = join(outDir, 'results.json');
    try {
      const done = await run(
        process.execPath,
        ['node_modules/tsx/dist/cli.mjs', 'bench/run.ts', '--tiny', '--out', out],
        {
          env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamoEndpoint') },
          timeout: 110_000,
        },
      );
      exit = { code: 0, stderr: done.stderr };
    } catch (error) {
      const failed = error as { code?: number; stderr?: string };
      exit = { code: failed.code ?? 1, stderr: failed.stderr ?? String(error) };
    }
    results = JSON.parse(await readFile(out, 'utf8')) as BenchResult[];
  }, 120_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('finishes without a problem: every function bundles and every lifecycle completes', () => {
    expect(exit.stderr).not.toMatch(/problem/);
    expect(exit.code).toBe(0);
  });

  it('writes exactly the six benchmarks, each with a baseline measured in the same run', () => {
    expect(results.map((result) => result.name)).toEqual([...benchNames]);
    for (const result of results) {
      expect(benchResultSchema.safeParse(result).success).toBe(true);
      expect(result.baseline).toBeGreaterThan(0);
      // All three are rounded for reading (the ratio to 3 decimals), from the unrounded figures.
      const exact = result.value / result.baseline;
      expect(Math.abs(result.ratio - exact)).toBeLessThanOrEqual(0.0005 + 0.01 * exact);
    }
  });

  it('never overspends a capped scope, on one item or split into shards', () => {
    const notes = byName('budget-contention').notes as {
      overspend: number;
      capInReservations: number;
      oneItem: { granted: number };
      sharded: { granted: number };
    };
    expect(notes.overspend).toBe(0);
    expect(notes.oneItem.granted).toBe(notes.capInReservations);
    expect(notes.sharded.granted).toBeLessThanOrEqual(notes.capInReservations);
  });

  it('counts a recalled cart as two emails, its coupon redeemed, and prices SES as the floor of the cost', () => {
    const requests = byName('requests-per-recalled-cart');
    const notes = requests.notes as {
      emails: number;
      shopEvents: number;
      lambdaInvocations: number;
      writeUnits: number;
    };
    expect(notes.emails).toBe(2);
    expect(notes.shopEvents).toBe(4);
    expect(notes.lambdaInvocations).toBeGreaterThanOrEqual(6);
    expect(requests.value).toBeGreaterThan(requests.baseline);

    const cost = byName('cost-per-1000-carts');
    expect(cost.baseline).toBeCloseTo(2 * 0.1, 6);
    expect(cost.ratio).toBeGreaterThan(1);
  });

  it('stores and schedules every cart sent through the pipeline, and scores every customer', () => {
    const pipeline = byName('pipeline-throughput').notes as {
      events: number;
      storedCarts: number;
      remindersScheduled: number;
    };
    expect(pipeline.storedCarts).toBe(pipeline.events);
    expect(pipeline.remindersScheduled).toBe(pipeline.events);

    const churn = byName('churn-scoring').notes as {
      customers: number;
      measuredNights: number;
      scoredByNight: number[];
    };
    expect(churn.scoredByNight).toEqual(Array(churn.measuredNights).fill(churn.customers));
  });

  it('times every bundled function against the DynamoDB-client-only bundle', () => {
    const notes = byName('cold-start').notes as { functions: Record<string, unknown>; missing: string[] };
    expect(notes.missing).toEqual([]);
    expect(Object.keys(notes.functions).length).toBe(12);
  });
});

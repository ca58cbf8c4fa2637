import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalRuntime } from '../local/runtime.js';
import { benchPrefix, freshBenchTables, localCredentials, silentLog } from './bench-dynamo.js';
import { perSecond, runPool } from './pool.js';
import { type BenchResult, ratioOf, round } from './result.js';
import { cartUpdated } from './shop-events.js';

export interface PipelineThroughputOptions {
  endpoint: string;
  repoRoot: string;
  events: number;
  concurrency: number;
}

const ROUNDS = 4;
const START = new Date('2025-03-03T15:00:00Z');

const countItems = async (db: DynamoDBDocumentClient, table: string): Promise<number> => {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (startKey);
  return count;
};

/**
 * `pipeline-throughput`: `Cart Updated` events through the local runtime end to end, sent as a shop
 * sends them (PutEvents over HTTP, `concurrency` calls in flight) and counted once the runtime is idle
 * (stored, reminders scheduled), against raw PutItem calls to DynamoDB Local at the same concurrency.
 */
export const pipelineThroughput = async (options: PipelineThroughputOptions): Promise<BenchResult> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nudge-bench-runtime-'));
  const runtime = await startLocalRuntime({
    port: 0,
    clock: 'virtual',
    start: START,
    rulesDir: join(options.repoRoot, 'rules'),
    dataDir,
    dynamoEndpoint: options.endpoint,
    tablePrefix: benchPrefix('pipeline'),
    log: silentLog,
  });
  const raw = await freshBenchTables(options.endpoint, 'putitem');
  const shop = new EventBridgeClient({
    endpoint: runtime.url,
    region: 'local',
    credentials: localCredentials,
    requestHandler: { httpAgent: { keepAlive: true, maxSockets: 256 } },
  });
  try {
    let pipelineMs = 0;
    let baselineMs = 0;
    let rejected = 0;
    for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
      const from = Math.floor((options.events * roundIndex) / ROUNDS);
      const count = Math.floor((options.events * (roundIndex + 1)) / ROUNDS) - from;
      baselineMs += await runPool(count, options.concurrency, (index) =>
        raw.db.send(
          new PutCommand({
            TableName: raw.tables.carts,
            Item: {
              pk: `cart-${from + index}`,
              sk: 'cart',
              ...cartUpdated(`cart-${from + index}`, 'c', START),
            },
          }),
        ),
      );
      const started = performance.now();
      await runPool(count, options.concurrency, async (index) => {
        const n = from + index;
        const detail = cartUpdated(
          `bench-cart-${n}`,
          `bench-customer-${n}`,
          new Date(START.getTime() - 60_000),
        );
        const sent = await shop.send(
          new PutEventsCommand({
            Entries: [{ Source: 'shop', DetailType: 'Cart Updated', Detail: JSON.stringify(detail) }],
          }),
        );
        rejected += sent.FailedEntryCount ?? 0;
      });
      await runtime.idle();
      pipelineMs += performance.now() - started;
    }
    const storedCarts = await countItems(runtime.deps.db, runtime.tables.carts);
    const scheduled = runtime.scheduler.pending().length;
    const deadLetters = await runtime.deps.db.send(
      new QueryCommand({
        TableName: runtime.tables.control,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'deadletter' },
        Select: 'COUNT',
      }),
    );
    const value = perSecond(options.events, pipelineMs);
    const baseline = perSecond(options.events, baselineMs);
    return {
      name: 'pipeline-throughput',
      value: round(value, 1),
      unit: 'Cart Updated events/s (PutEvents -> stored -> scheduled)',
      baseline: round(baseline, 1),
      ratio: ratioOf(value, baseline),
      notes: {
        target: 'ratio >= 0.25',
        events: options.events,
        concurrency: options.concurrency,
        storedCarts,
        remindersScheduled: scheduled,
        rejectedEntries: rejected,
        deadLetters: deadLetters.Count ?? 0,
        baselineOperation: 'PutItem of the same cart document to DynamoDB Local',
        rounds: ROUNDS,
      },
    };
  } finally {
    shop.destroy();
    raw.db.destroy();
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What DynamoDB charged for one table and operation, in request units, and how many calls. */
export interface MeteredUsage {
  table: string;
  operation: string;
  kind: 'read' | 'write';
  calls: number;
  units: number;
  /** Calls that failed (a lost condition, a cancelled transaction) and were charged by estimate. */
  failedCalls: number;
}

interface ConsumedCapacity {
  TableName?: string;
  CapacityUnits?: number;
}

const readOperations = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

const operationOf = (commandName: string | undefined): string =>
  (commandName ?? 'Unknown').replace(/Command$/, '');

/** Table names a write request names, for charging a failed write that DynamoDB reports no capacity for. */
const tablesOfFailedWrite = (input: Record<string, unknown>): Array<{ table: string; units: number }> => {
  const transactItems = input.TransactItems as Array<Record<string, { TableName?: string }>> | undefined;
  if (transactItems) {
    // A cancelled transaction is billed as transactional writes: two units per item.
    return transactItems.map((item) => ({ table: Object.values(item)[0]?.TableName ?? 'unknown', units: 2 }));
  }
  return typeof input.TableName === 'string' ? [{ table: input.TableName, units: 1 }] : [];
};

/** Two units per item, by table: what AWS bills a transaction of small items (<= 1 KB written, 4 KB read). */
const transactionCharge = (input: Record<string, unknown>): Array<{ table: string; units: number }> => {
  const items = (input.TransactItems as Array<Record<string, { TableName?: string }>> | undefined) ?? [];
  const byTable = new Map<string, number>();
  for (const item of items) {
    const table = Object.values(item)[0]?.TableName ?? 'unknown';
    byTable.set(table, (byTable.get(table) ?? 0) + 2);
  }
  return [...byTable].map(([table, units]) => ({ table, units }));
};

/**
 * Counts DynamoDB request units per table and operation: a client middleware adds
 * `ReturnConsumedCapacity: 'TOTAL'` to every request and records what comes back. DynamoDB Local
 * reports single-item operations as AWS does, but charges a whole transaction 2 units whatever its
 * item count, where AWS bills 2 per item: transactions are therefore charged 2 units per item here.
 * A failed conditional write reports nothing, though AWS bills it, so it is charged as one write
 * unit per item (two in a transaction): an estimate for items under 1 KB.
 */
export class CapacityMeter {
  readonly #usage = new Map<string, MeteredUsage>();
  readonly #tableLabel: (table: string) => string;

  constructor(tableLabel: (table: string) => string = (table) => table) {
    this.#tableLabel = tableLabel;
  }

  attach(db: DynamoDBDocumentClient): void {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        const operation = operationOf(context.commandName);
        try {
          const result = await next(args);
          if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
            for (const { table, units } of transactionCharge(input))
              this.#add(table, operation, units, false);
            return result;
          }
          const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
            .ConsumedCapacity;
          for (const entry of [consumed ?? []].flat()) {
            this.#add(entry.TableName ?? 'unknown', operation, entry.CapacityUnits ?? 0, false);
          }
          return result;
        } catch (error) {
          if (!readOperations.has(operation)) {
            for (const { table, units } of tablesOfFailedWrite(input))
              this.#add(table, operation, units, true);
          }
          throw error;
        }
      },
      { step: 'initialize', name: 'benchCapacityMeter', override: true },
    );
  }

  #add(rawTable: string, operation: string, units: number, failed: boolean): void {
    const table = this.#tableLabel(rawTable);
    const key = `${table}|${operation}`;
    const usage = this.#usage.get(key) ?? {
      table,
      operation,
      kind: readOperations.has(operation) ? 'read' : 'write',
      calls: 0,
      units: 0,
      failedCalls: 0,
    };
    usage.calls += 1;
    usage.units += units;
    if (failed) usage.failedCalls += 1;
    this.#usage.set(key, usage);
  }

  usage(): MeteredUsage[] {
    return [...this.#usage.values()].sort(
      (a, b) => a.table.localeCompare(b.table) || a.operation.localeCompare(b.operation),
    );
  }

  totals(): { readUnits: number; writeUnits: number; calls: number } {
    const usage = this.usage();
    const sum = (kind: 'read' | 'write') =>
      usage.filter((entry) => entry.kind === kind).reduce((total, entry) => total + entry.units, 0);
    return {
      readUnits: sum('read'),
      writeUnits: sum('write'),
      calls: usage.reduce((n, entry) => n + entry.calls, 0),
    };
  }

  reset(): void {
    this.#usage.clear();
  }
}

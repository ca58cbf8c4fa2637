import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import type { TableNames } from '../store/tables.js';
import {
  SCOPE_META_SK,
  type ShardItem,
  scopeMetaSchema,
  scopePk,
  shardItemSchema,
  shardSk,
  UNLIMITED,
} from './ledger-items.js';
import type { BudgetScope } from './scopes.js';
import { splitCap } from './shards.js';

export interface LedgerDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'budgets'>;
}

/** Caps this process has already written, so a reservation does not re-check them every time. */
const ensured = new Map<string, { wanted: string; shards: number }>();
const MAX_ENSURED = 10_000;

export class LedgerSetupError extends Error {
  override name = 'LedgerSetupError';
}

export interface StoredScope {
  shards: number;
  items: ShardItem[];
}

/** Every shard of a scope, read consistently; `shards` is the count recorded in its meta item. */
export const readStoredScope = async (
  deps: LedgerDeps,
  scopeKey: string,
): Promise<StoredScope | undefined> => {
  const page = await deps.db.send(
    new QueryCommand({
      TableName: deps.tables.budgets,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': scopePk(scopeKey) },
      ConsistentRead: true,
    }),
  );
  const meta = page.Items?.find((item) => item.sk === SCOPE_META_SK);
  if (!meta) return undefined;
  return {
    shards: scopeMetaSchema.parse(meta).shards,
    items: (page.Items ?? [])
      .filter((item) => item.sk !== SCOPE_META_SK)
      .map((item) => shardItemSchema.parse(item)),
  };
};

const ignoreLostRace = async (write: Promise<unknown>): Promise<boolean> => {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/**
 * Makes the stored shards carry the scope's cap from the rules: created on first use in a period,
 * and moved by a conditional delta update when a newly published cap differs. A shard count can
 * grow but never shrink (shards beyond a lower count would keep their caps and loosen the total).
 * Returns the shard count to reserve across.
 */
export const ensureScope = async (deps: LedgerDeps, scope: BudgetScope): Promise<number> => {
  const cacheKey = `${deps.tables.budgets}|${scope.key}`;
  const wanted = `${scope.cap ?? 'none'}|${scope.shards}`;
  const known = ensured.get(cacheKey);
  if (known?.wanted === wanted) return known.shards;

  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const stored = await readStoredScope(deps, scope.key);
    const shards = Math.max(stored?.shards ?? 0, scope.shards);
    const caps = splitCap(scope.cap ?? UNLIMITED, shards);
    const writes: Array<Promise<boolean>> = [];
    if (!stored || stored.shards < shards) {
      writes.push(
        ignoreLostRace(
          deps.db.send(
            new PutCommand({
              TableName: deps.tables.budgets,
              Item: { pk: scopePk(scope.key), sk: SCOPE_META_SK, scope: scope.key, shards },
              ConditionExpression: 'attribute_not_exists(pk) OR shards < :shards',
              ExpressionAttributeValues: { ':shards': shards },
            }),
          ),
        ),
      );
    }
    caps.forEach((cap, shard) => {
      const existing = stored?.items.find((item) => item.shard === shard);
      if (!existing) {
        writes.push(
          ignoreLostRace(
            deps.db.send(
              new PutCommand({
                TableName: deps.tables.budgets,
                Item: {
                  pk: scopePk(scope.key),
                  sk: shardSk(shard),
                  scope: scope.key,
                  shard,
                  cap,
                  remaining: cap,
                  reserved: 0,
                  settled: 0,
                  released: 0,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            ),
          ),
        );
      } else if (existing.cap !== cap) {
        writes.push(
          ignoreLostRace(
            deps.db.send(
              new UpdateCommand({
                TableName: deps.tables.budgets,
                Key: { pk: scopePk(scope.key), sk: shardSk(shard) },
                UpdateExpression: 'SET cap = :cap, remaining = remaining + :delta',
                ConditionExpression: 'cap = :old',
                ExpressionAttributeValues: {
                  ':cap': cap,
                  ':delta': cap - existing.cap,
                  ':old': existing.cap,
                },
              }),
            ),
          ),
        );
      }
    });
    const results = await Promise.all(writes);
    if (results.every(Boolean)) {
      if (ensured.size >= MAX_ENSURED) ensured.clear();
      ensured.set(cacheKey, { wanted, shards });
      return shards;
    }
  }
  throw new LedgerSetupError(`budget scope ${scope.key} kept changing while its cap was being set`);
};

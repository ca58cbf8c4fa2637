import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Bus } from '../ports/bus.js';
import { isConditionFailure } from '../store/dynamo.js';
import { readScopeTotals, type ScopeTotals } from './budget-figures.js';
import type { LedgerDeps } from './ensure-scope.js';
import { MILLI_PER_MINOR } from './scopes.js';

export interface ThresholdDeps extends LedgerDeps {
  bus: Bus;
}

const claimKey = (scopeKey: string, threshold: number, cap: number) => ({
  pk: `threshold#${scopeKey}`,
  // The cap is part of the key: raising a cap makes its 80% a new, announceable moment.
  sk: `${threshold}#${cap}`,
});

/** Claims the announcement; true when this caller must publish it (first claim, or an earlier publish crashed). */
const claim = async (deps: ThresholdDeps, key: { pk: string; sk: string }, at: string): Promise<boolean> => {
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tables.budgets,
        Item: { ...key, announced: false, at },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await deps.db.send(new GetCommand({ TableName: deps.tables.budgets, Key: key }));
    return existing.Item?.announced === false;
  }
};

/**
 * Publishes `Budget Threshold Reached` once per scope (its key carries the period), threshold and
 * cap. A refused reservation counts as reaching 100%: the scope cannot take what was asked.
 */
export const announceThresholds = async (
  deps: ThresholdDeps,
  scopeKey: string,
  thresholds: number[],
  { exhausted = false, at }: { exhausted?: boolean; at: Date },
): Promise<number[]> => {
  if (thresholds.length === 0) return [];
  const totals: ScopeTotals = await readScopeTotals(deps, scopeKey);
  if (totals.cap === undefined || totals.cap === 0) return [];
  const cap = totals.cap;
  const used = totals.reserved + totals.settled;
  const reached = thresholds.filter(
    (threshold) => used * 100 >= threshold * cap || (exhausted && threshold === 100),
  );
  const announced: number[] = [];
  for (const threshold of reached) {
    const key = claimKey(scopeKey, threshold, cap);
    if (!(await claim(deps, key, at.toISOString()))) continue;
    await deps.bus.publish([
      {
        detailType: 'Budget Threshold Reached',
        detail: {
          scope: scopeKey,
          threshold,
          cap: cap / MILLI_PER_MINOR,
          used: Math.ceil(used / MILLI_PER_MINOR),
          usedPercent: Math.round((used / cap) * 1000) / 10,
          exhausted,
          at: at.toISOString(),
        },
      },
    ]);
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tables.budgets,
        Key: key,
        UpdateExpression: 'SET announced = :true',
        ExpressionAttributeValues: { ':true': true },
      }),
    );
    announced.push(threshold);
  }
  return announced;
};

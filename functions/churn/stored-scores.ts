import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { CUSTOMER_STATS_INDEX } from '../store/tables.js';

/**
 * The attribute of the customer's stats item (pk=customerId, sk='stats') that holds the stored score
 * (`churn/score-store.ts`). Score writes set only it and order ingest never does, so neither clobbers
 * the other. Kept here, apart from the store, so the dashboard's reader stays small.
 */
export const SCORE_ATTRIBUTE = 'score';

export interface StoredScoreFigures {
  /** Each `{ pAlive, segment }` as stored; the reader validates them. */
  scores: unknown[];
  /** True when `limit` stopped the read before the last stored score. */
  truncated: boolean;
}

/** Up to `limit` stored scores, P(alive) and segment only: the dashboard's churn picture. */
export const readStoredScoreFigures = async (
  { db, tables }: Pick<Deps, 'db' | 'tables'>,
  limit: number,
): Promise<StoredScoreFigures> => {
  const scores: unknown[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tables.customers,
        IndexName: CUSTOMER_STATS_INDEX,
        FilterExpression: 'attribute_exists(#score)',
        ProjectionExpression: '#score.#pAlive, #score.#segment',
        ExpressionAttributeNames: {
          '#score': SCORE_ATTRIBUTE,
          '#pAlive': 'pAlive',
          '#segment': 'segment',
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) scores.push(item[SCORE_ATTRIBUTE]);
    startKey = page.LastEvaluatedKey;
  } while (startKey && scores.length < limit);
  return { scores, truncated: startKey !== undefined };
};

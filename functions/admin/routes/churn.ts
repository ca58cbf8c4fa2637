import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../../shared/deps.js';
import { churnHistogram } from '../churn-histogram.js';
import { json, type Route } from '../router.js';

/** A dashboard picture, not an export: past this many scores the histogram says it is truncated. */
const MAX_SCORES = 100_000;

/** `GET /api/churn`: P(alive) histogram per value tier, from the scores the nightly run stored. */
export const churnRoutes = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): Route[] => [
  {
    method: 'GET',
    path: '/api/churn',
    handle: async () => {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: tables.customers,
            FilterExpression: 'sk = :score',
            ExpressionAttributeValues: { ':score': 'score' },
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey && items.length < MAX_SCORES);
      return json({ ...churnHistogram(items), truncated: startKey !== undefined });
    },
  },
];

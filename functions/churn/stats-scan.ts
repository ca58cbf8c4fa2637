import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { STATS_SK } from '../ingest/order.js';
import type { Deps } from '../shared/deps.js';
import { type CustomerStats, customerStatsSchema } from './customer-stats.js';

export interface ScanSegment {
  segment: number;
  totalSegments: number;
}

export interface CustomerStatsRow {
  customerId: string;
  stats: CustomerStats;
}

export interface StatsSource {
  /** Every customer's stats in one parallel-scan segment, page by page; unreadable items are skipped. */
  segment(part: ScanSegment): AsyncIterable<CustomerStatsRow[]>;
}

/** `pageSize` caps items read per Scan call (default: DynamoDB's 1 MB pages). */
export const createStatsSource = (
  { db, tables }: Pick<Deps, 'db' | 'tables'>,
  { pageSize }: { pageSize?: number } = {},
): StatsSource => ({
  async *segment({ segment, totalSegments }) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: tables.customers,
          Segment: segment,
          TotalSegments: totalSegments,
          FilterExpression: 'sk = :stats',
          ExpressionAttributeValues: { ':stats': STATS_SK },
          ExclusiveStartKey: startKey,
          Limit: pageSize,
        }),
      );
      const rows: CustomerStatsRow[] = [];
      for (const item of page.Items ?? []) {
        const stats = customerStatsSchema.safeParse(item);
        if (stats.success) rows.push({ customerId: item.pk as string, stats: stats.data });
      }
      if (rows.length > 0) yield rows;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  },
});

/** Reads all segments side by side and collects every customer's stats (for a refit). */
export const allStats = async (source: StatsSource, totalSegments: number): Promise<CustomerStats[]> => {
  const parts = await Promise.all(
    Array.from({ length: totalSegments }, async (_, segment) => {
      const collected: CustomerStats[] = [];
      for await (const rows of source.segment({ segment, totalSegments })) {
        for (const row of rows) collected.push(row.stats);
      }
      return collected;
    }),
  );
  return parts.flat();
};

import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { STATS_SK } from '../ingest/order.js';
import type { Deps } from '../shared/deps.js';
import { type CustomerStats, customerStatsSchema } from './customer-stats.js';
import { SCORE_SK, SEEN_SCORE_FIELDS, type SeenScore, seenScoreSchema } from './score-store.js';

export interface ScanSegment {
  segment: number;
  totalSegments: number;
}

export interface CustomerStatsRow {
  customerId: string;
  stats: CustomerStats;
  /**
   * The customer's stored score as the scan found it next to the stats; null when the scan found
   * none, undefined when it could not tell (an unreadable score item).
   */
  seen?: SeenScore | null;
}

export interface StatsSource {
  /** Every customer's stats in one parallel-scan segment, page by page; unreadable items are skipped. */
  segment(part: ScanSegment): AsyncIterable<CustomerStatsRow[]>;
}

const STATS_FIELDS = Object.keys(customerStatsSchema.shape);
const projected = ['pk', 'sk', ...new Set([...STATS_FIELDS, ...SEEN_SCORE_FIELDS])];

/** `pageSize` caps items read per Scan call (default: DynamoDB's 1 MB pages). */
export const createStatsSource = (
  { db, tables }: Pick<Deps, 'db' | 'tables'>,
  { pageSize }: { pageSize?: number } = {},
): StatsSource => ({
  async *segment({ segment, totalSegments }) {
    const readPage = (startKey: Record<string, unknown> | undefined): Promise<ScanCommandOutput> => {
      const page = db.send(
        new ScanCommand({
          TableName: tables.customers,
          Segment: segment,
          TotalSegments: totalSegments,
          // A customer's items share a partition and come out in sort-key order: 'score' just before 'stats'.
          FilterExpression: 'sk IN (:stats, :score)',
          ProjectionExpression: projected.map((_, index) => `#f${index}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(projected.map((name, index) => [`#f${index}`, name])),
          ExpressionAttributeValues: { ':stats': STATS_SK, ':score': SCORE_SK },
          ExclusiveStartKey: startKey,
          Limit: pageSize,
        }),
      );
      // Read ahead: if the caller stops early, a failed read must not become an unhandled rejection.
      page.catch(() => {});
      return page;
    };
    // A score at the end of one page meets its stats at the start of the next.
    let unpaired = new Map<string, SeenScore | undefined>();
    let next: Promise<ScanCommandOutput> | undefined = readPage(undefined);
    while (next) {
      const page: ScanCommandOutput = await next;
      // The next page is read while this one is scored.
      next = page.LastEvaluatedKey ? readPage(page.LastEvaluatedKey) : undefined;
      const scores = new Map<string, SeenScore | undefined>();
      const rows: CustomerStatsRow[] = [];
      for (const item of page.Items ?? []) {
        const customerId = item.pk as string;
        if (item.sk === SCORE_SK) {
          const seen = seenScoreSchema.safeParse(item);
          scores.set(customerId, seen.success ? seen.data : undefined);
          continue;
        }
        const stats = customerStatsSchema.safeParse(item);
        if (!stats.success) continue;
        const source = scores.has(customerId) ? scores : unpaired;
        const seen = source.has(customerId) ? source.get(customerId) : null;
        source.delete(customerId);
        rows.push({ customerId, stats: stats.data, seen });
      }
      unpaired = scores;
      if (rows.length > 0) yield rows;
    }
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

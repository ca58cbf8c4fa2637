import { ScanCommand, type ScanCommandInput, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { lazy } from '../shared/lazy.js';
import { CUSTOMER_STATS_INDEX } from '../store/tables.js';
import { type CustomerStats, customerStatsFields, customerStatsSchema } from './customer-stats.js';
import { type SeenScore, seenScoreFields, seenScoreSchema } from './score-store.js';
import { SCORE_ATTRIBUTE } from './stored-scores.js';

export interface ScanSegment {
  segment: number;
  totalSegments: number;
}

export interface CustomerStatsRow {
  customerId: string;
  stats: CustomerStats;
  /**
   * The customer's stored score as the scan found it on the stats item; null when there is none,
   * undefined when it could not tell (an unreadable score).
   */
  seen?: SeenScore | null;
}

export interface StatsSource {
  /** Every customer's stats in one parallel-scan segment, page by page; unreadable items are skipped. */
  segment(part: ScanSegment): AsyncIterable<CustomerStatsRow[]>;
}

/** The Scan's projection and its attribute names (`#a<n>`), from the fields the two schemas read. */
const scanProjection = lazy(() => {
  const statsFields = customerStatsFields();
  const scoreFields = seenScoreFields();
  const names = ['pk', SCORE_ATTRIBUTE, ...new Set([...statsFields, ...scoreFields])];
  const nameOf = (name: string) => `#a${names.indexOf(name)}`;
  const expression = ['pk', ...statsFields, ...scoreFields.map((field) => `${SCORE_ATTRIBUTE}.${field}`)]
    .map((path) => path.split('.').map(nameOf).join('.'))
    .join(', ');
  return {
    expression,
    attributeNames: Object.fromEntries(names.map((name) => [nameOf(name), name])),
  };
});

const rowOf = (item: Record<string, unknown>): CustomerStatsRow | undefined => {
  const stats = customerStatsSchema.safeParse(item);
  if (!stats.success) return undefined;
  const stored = item[SCORE_ATTRIBUTE];
  const seen = stored === undefined ? null : seenScoreSchema.safeParse(stored);
  return {
    customerId: item.pk as string,
    stats: stats.data,
    seen: seen === null ? null : seen.success ? seen.data : undefined,
  };
};

/**
 * The Scan request for one page of a segment of the sparse `statsByCustomer` index: the stats and the
 * stored score of each customer, nothing else. `pageSize` caps items read per call (default: DynamoDB's
 * 1 MB pages). The benchmark's raw scan sends the same request (bench/churn-scoring.ts).
 */
export const statsScanInput = (
  tables: Pick<Deps['tables'], 'customers'>,
  { segment, totalSegments }: ScanSegment,
  startKey: Record<string, unknown> | undefined,
  pageSize?: number,
): ScanCommandInput => ({
  TableName: tables.customers,
  IndexName: CUSTOMER_STATS_INDEX,
  Segment: segment,
  TotalSegments: totalSegments,
  ProjectionExpression: scanProjection().expression,
  ExpressionAttributeNames: scanProjection().attributeNames,
  ExclusiveStartKey: startKey,
  Limit: pageSize,
});

/** Scans the sparse `statsByCustomer` index: one item per customer, its stats and stored score together. */
export const createStatsSource = (
  { db, tables }: Pick<Deps, 'db' | 'tables'>,
  { pageSize }: { pageSize?: number } = {},
): StatsSource => ({
  async *segment(part) {
    const readPage = (startKey: Record<string, unknown> | undefined): Promise<ScanCommandOutput> => {
      const page = db.send(new ScanCommand(statsScanInput(tables, part, startKey, pageSize)));
      // Read ahead: if the caller stops early, a failed read must not become an unhandled rejection.
      page.catch(() => {});
      return page;
    };
    let next: Promise<ScanCommandOutput> | undefined = readPage(undefined);
    while (next) {
      const page: ScanCommandOutput = await next;
      // The next page is read while this one is scored.
      next = page.LastEvaluatedKey ? readPage(page.LastEvaluatedKey) : undefined;
      const rows = (page.Items ?? []).flatMap((item) => rowOf(item) ?? []);
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

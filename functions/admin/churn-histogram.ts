import { AT_RISK_BELOW } from '../churn/score.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

export const HISTOGRAM_BINS = 10;
const valueTiers = ['low', 'mid', 'high'] as const;

/**
 * The fields of a stored score the histogram reads; the rest of the item is ignored. The value tier
 * is the first half of the segment (`<valueTier>/<riskBand>`): the stats item keeps no other copy.
 */
export const storedScoreSchema = lazy(() =>
  z.object({
    pAlive: z.number().check(z.gte(0), z.lte(1)),
    segment: z.templateLiteral([z.enum(valueTiers), '/', z.string()]),
  }),
);
export type StoredScore = z.infer<ReturnType<typeof storedScoreSchema>>;

const tierOf = (segment: StoredScore['segment']) =>
  segment.slice(0, segment.indexOf('/')) as (typeof valueTiers)[number];

export interface ChurnHistogram {
  /** Lower edge of each P(alive) bin: 0, 0.1, ... 0.9; the last bin includes 1. */
  bins: number[];
  tiers: Record<(typeof valueTiers)[number], number[]>;
  customers: number;
  atRisk: number;
  /** Stored items that carried no readable score. */
  unreadable: number;
}

/** Counts customers per P(alive) bin and value tier: the dashboard's churn picture. */
export function churnHistogram(items: readonly unknown[]): ChurnHistogram {
  const empty = () => Array.from({ length: HISTOGRAM_BINS }, () => 0);
  const histogram: ChurnHistogram = {
    bins: Array.from({ length: HISTOGRAM_BINS }, (_, index) => index / HISTOGRAM_BINS),
    tiers: { low: empty(), mid: empty(), high: empty() },
    customers: 0,
    atRisk: 0,
    unreadable: 0,
  };
  for (const item of items) {
    const nested = typeof item === 'object' && item !== null && 'score' in item ? item.score : undefined;
    const parsed = storedScoreSchema().safeParse(nested ?? item);
    if (!parsed.success) {
      histogram.unreadable++;
      continue;
    }
    const { pAlive, segment } = parsed.data;
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor(pAlive * HISTOGRAM_BINS));
    histogram.tiers[tierOf(segment)][bin]! += 1;
    histogram.customers++;
    if (pAlive < AT_RISK_BELOW) histogram.atRisk++;
  }
  return histogram;
}

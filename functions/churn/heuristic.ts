/** Below either floor BG/NBD has too little to learn from (DESIGN.md section 1). */
export const HEURISTIC_MAX_CUSTOMERS = 500;
export const HEURISTIC_MAX_HISTORY_DAYS = 180;
export const HEURISTIC_MIN_THRESHOLD_DAYS = 60;

export interface ShopHistory {
  customers: number;
  historyDays: number;
}

/** Why the heuristic applies to this shop, or undefined when BG/NBD may be fitted. */
export function heuristicReason({ customers, historyDays }: ShopHistory): string | undefined {
  if (customers < HEURISTIC_MAX_CUSTOMERS) {
    return `fewer than ${HEURISTIC_MAX_CUSTOMERS} customers (${customers})`;
  }
  if (historyDays < HEURISTIC_MAX_HISTORY_DAYS) {
    return `fewer than ${HEURISTIC_MAX_HISTORY_DAYS} days of history (${historyDays})`;
  }
  return undefined;
}

export interface HeuristicRisk {
  thresholdDays: number;
  atRisk: boolean;
  /** Not a model probability: 2^(-days since last order / threshold), so it crosses 0.5 at the threshold. */
  pAlive: number;
}

/** At risk when days since the last order exceed max(60, 2 x the customer's own mean gap). */
export function heuristicRisk(daysSinceLastOrder: number, meanGapDays: number | null): HeuristicRisk {
  const thresholdDays = Math.max(HEURISTIC_MIN_THRESHOLD_DAYS, 2 * (meanGapDays ?? 0));
  return {
    thresholdDays,
    atRisk: daysSinceLastOrder > thresholdDays,
    pAlive: 2 ** (-daysSinceLastOrder / thresholdDays),
  };
}

/** A customer without a gap yet is assumed to buy every 30 days, half the 60-day floor. */
export function heuristicPurchasesIfAlive(meanGapDays: number | null, days: number): number {
  return days / Math.max(1, meanGapDays ?? HEURISTIC_MIN_THRESHOLD_DAYS / 2);
}

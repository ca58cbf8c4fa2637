import { rocAuc } from './auc.js';
import { type BgNbdFit, expectedPurchases, fitBgNbd, pAlive } from './bgnbd.js';
import { DAYS_PER_UNIT, isoOfDay, type TimeUnit } from './calendar-day.js';
import { countHoldoutPurchaseDays, summariseRfm } from './rfm.js';
import type { Transaction } from './transactions.js';

export interface HoldoutWindow {
  calibrationEnd: number;
  holdoutEnd: number;
  timeUnit: TimeUnit;
}

export interface FrequencyRow {
  /** Calibration repeat purchases: "0" to "6", then "7+". */
  x: string;
  customers: number;
  predicted: number;
  actual: number;
}

export interface HoldoutReport {
  calibrationEnd: string;
  holdoutEnd: string;
  timeUnit: TimeUnit;
  holdoutLength: number;
  fit: BgNbdFit;
  total: { predicted: number; actual: number };
  byFrequency: FrequencyRow[];
  /** Ranking customers who buy again in the holdout above those who do not, among all and among x >= 1. */
  auc: { all: RankingAuc; repeatCustomers: RankingAuc };
  /** P(alive) against recency over all customers, the comparison the report leads with. */
  winner: 'pAlive' | 'recency' | 'tie';
}

export interface RankingAuc {
  pAlive: number;
  expectedPurchases: number;
  recency: number;
}

const FREQUENCY_BUCKETS = ['0', '1', '2', '3', '4', '5', '6', '7+'];

/** Fits on the calibration period and compares predictions with the holdout (calibrationEnd, holdoutEnd]. */
export function buildHoldoutReport(
  transactions: readonly Transaction[],
  window: HoldoutWindow,
): HoldoutReport {
  const { calibrationEnd, holdoutEnd, timeUnit } = window;
  if (holdoutEnd <= calibrationEnd) throw new RangeError('the holdout must end after calibration end');
  const customers = summariseRfm(transactions, { calibrationEnd, timeUnit });
  const fit = fitBgNbd(customers);
  const holdoutLength = (holdoutEnd - calibrationEnd) / DAYS_PER_UNIT[timeUnit];
  const actualByCustomer = countHoldoutPurchaseDays(transactions, calibrationEnd, holdoutEnd);
  const rows = customers.map((point) => ({
    bucket: FREQUENCY_BUCKETS[Math.min(point.x, 7)]!,
    predicted: expectedPurchases(fit.params, point, holdoutLength),
    actual: actualByCustomer.get(point.customerId) ?? 0,
    pAlive: pAlive(fit.params, point),
    // More recent last purchase, more likely to buy again: rank by minus the time since it.
    recency: point.tx - point.T,
  }));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const byFrequency = FREQUENCY_BUCKETS.map((x) => {
    const inBucket = rows.filter((row) => row.bucket === x);
    return {
      x,
      customers: inBucket.length,
      predicted: sum(inBucket.map((row) => row.predicted)),
      actual: sum(inBucket.map((row) => row.actual)),
    };
  });
  const auc = {
    all: rankingAuc(rows),
    repeatCustomers: rankingAuc(rows.filter((row) => row.bucket !== '0')),
  };
  return {
    calibrationEnd: isoOfDay(calibrationEnd),
    holdoutEnd: isoOfDay(holdoutEnd),
    timeUnit,
    holdoutLength,
    fit,
    total: { predicted: sum(rows.map((row) => row.predicted)), actual: sum(rows.map((row) => row.actual)) },
    byFrequency,
    auc,
    winner:
      auc.all.pAlive > auc.all.recency ? 'pAlive' : auc.all.pAlive < auc.all.recency ? 'recency' : 'tie',
  };
}

function rankingAuc(
  rows: { predicted: number; actual: number; pAlive: number; recency: number }[],
): RankingAuc {
  const boughtAgain = rows.map((row) => row.actual > 0);
  const aucOf = (score: (row: (typeof rows)[number]) => number) => rocAuc(rows.map(score), boughtAgain);
  return {
    pAlive: aucOf((row) => row.pAlive),
    expectedPurchases: aucOf((row) => row.predicted),
    recency: aucOf((row) => row.recency),
  };
}

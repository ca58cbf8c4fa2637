import { DAYS_PER_UNIT, type TimeUnit } from './calendar-day.js';
import type { Transaction } from './transactions.js';

/**
 * What BG/NBD and Gamma-Gamma need of one customer: x repeat purchase days, t_x (time of the last
 * purchase since the first), T (time from the first purchase to the end of calibration), in one time
 * unit, and the mean spend of the repeat purchase days in minor units (0 when x = 0).
 */
export interface CustomerRfm {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  monetary: number;
}

export interface CalibrationWindow {
  calibrationEnd: number;
  timeUnit: TimeUnit;
}

/** Several orders on one day make one purchase; only days up to calibration end count. */
export function summariseRfm(transactions: readonly Transaction[], window: CalibrationWindow): CustomerRfm[] {
  const spendByDay = new Map<string, Map<number, number>>();
  for (const { customerId, day, amount } of transactions) {
    if (day > window.calibrationEnd) continue;
    const days = spendByDay.get(customerId) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + amount);
    spendByDay.set(customerId, days);
  }
  const unit = DAYS_PER_UNIT[window.timeUnit];
  return [...spendByDay].map(([customerId, days]) => {
    const ordered = [...days.keys()].sort((p, q) => p - q);
    const first = ordered[0]!;
    const last = ordered[ordered.length - 1]!;
    const repeatSpend = ordered.slice(1).reduce((sum, day) => sum + days.get(day)!, 0);
    const x = ordered.length - 1;
    return {
      customerId,
      x,
      tx: (last - first) / unit,
      T: (window.calibrationEnd - first) / unit,
      monetary: x > 0 ? repeatSpend / x : 0,
    };
  });
}

/** Distinct purchase days per customer in the holdout, the period (calibrationEnd, holdoutEnd]. */
export function countHoldoutPurchaseDays(
  transactions: readonly Transaction[],
  calibrationEnd: number,
  holdoutEnd: number,
): Map<string, number> {
  const days = new Map<string, Set<number>>();
  for (const { customerId, day } of transactions) {
    if (day <= calibrationEnd || day > holdoutEnd) continue;
    const set = days.get(customerId) ?? new Set<number>();
    set.add(day);
    days.set(customerId, set);
  }
  return new Map([...days].map(([customerId, set]) => [customerId, set.size]));
}

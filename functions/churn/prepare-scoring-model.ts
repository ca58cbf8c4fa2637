import { fitBgNbd } from './bgnbd.js';
import { dayOfInstant, type TimeUnit } from './calendar-day.js';
import { type CustomerStats, rfmOfStats } from './customer-stats.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { heuristicReason } from './heuristic.js';
import { assessCustomer, valueIfRetained } from './score.js';
import type { ScoringModel, ValueCutoffs } from './scoring-model.js';

/** Tiers split customers about 50 / 30 / 20 by value if retained. */
export const MID_TIER_QUANTILE = 0.5;
export const HIGH_TIER_QUANTILE = 0.8;

/**
 * Chooses the method for a shop (the heuristic below 500 customers or 180 days of history, or when
 * BG/NBD does not converge), fits it to the customer table as of `now`, and cuts the value tiers.
 */
export function prepareScoringModel(
  customers: readonly CustomerStats[],
  now: string,
  { timeUnit = 'week' }: { timeUnit?: TimeUnit } = {},
): ScoringModel {
  const firstDay = customers.reduce(
    (min, stats) => Math.min(min, dayOfInstant(stats.firstOrderAt)),
    Infinity,
  );
  const historyDays = customers.length === 0 ? 0 : dayOfInstant(now) - firstDay;
  const base = { fittedAt: now, customers: customers.length, valueCutoffs: { mid: 0, high: 0 } };
  let model: ScoringModel;
  const reason = heuristicReason({ customers: customers.length, historyDays });
  if (reason !== undefined) {
    model = { method: 'heuristic', reason, ...base };
  } else {
    const rfm = customers.map((stats) => rfmOfStats(stats, now, timeUnit));
    const fit = fitBgNbd(rfm);
    model = fit.converged
      ? {
          method: 'bgnbd',
          timeUnit,
          params: fit.params,
          logLikelihood: fit.logLikelihood,
          spend: fitSpendOrNull(rfm),
          ...base,
        }
      : { method: 'heuristic', reason: 'the BG/NBD fit did not converge', ...base };
  }
  const values = customers.map((stats) => valueIfRetained(assessCustomer(model, stats, now)));
  return { ...model, valueCutoffs: cutoffsOf(values) };
}

function fitSpendOrNull(rfm: { x: number; monetary: number }[]) {
  if (!rfm.some((point) => point.x > 0 && point.monetary > 0)) return null;
  const fit = fitGammaGamma(rfm);
  return fit.converged && fit.params.q > 1 ? fit.params : null;
}

export function cutoffsOf(values: readonly number[]): ValueCutoffs {
  const sorted = [...values].sort((p, q) => p - q);
  const at = (quantile: number) => sorted[Math.floor(quantile * (sorted.length - 1))] ?? 0;
  return { mid: at(MID_TIER_QUANTILE), high: at(HIGH_TIER_QUANTILE) };
}

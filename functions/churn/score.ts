import { pAlive as bgNbdPAlive, expectedPurchasesIfAlive } from './bgnbd.js';
import { DAYS_PER_UNIT } from './calendar-day.js';
import { type CustomerStats, daysSinceLastOrder, rfmOfStats } from './customer-stats.js';
import { expectedAverageSpend } from './gamma-gamma.js';
import { heuristicPurchasesIfAlive, heuristicRisk } from './heuristic.js';
import type { ScoringModel, ValueCutoffs } from './scoring-model.js';

export const CHURN_HORIZON_DAYS = 90;
export const AT_RISK_BELOW = 0.5;
export const HIGH_RISK_BELOW = 0.25;

export type RiskBand = 'low' | 'medium' | 'high';
export type ValueTier = 'low' | 'mid' | 'high';

export interface ChurnScore {
  method: ScoringModel['method'];
  pAlive: number;
  atRisk: boolean;
  expectedPurchases90d: number;
  /** Expected spend in the next 90 days, minor units. */
  expectedValue: number;
  /** Spend the next 90 days would bring if the customer is still active but may be lost: (1 - pAlive) x that. */
  valueAtRisk: number;
  riskBand: RiskBand;
  valueTier: ValueTier;
}

/** The parts every figure of a score is made from. */
export interface CustomerAssessment {
  method: ScoringModel['method'];
  pAlive: number;
  atRisk: boolean;
  purchasesIfAlive: number;
  spendPerPurchase: number;
}

export function assessCustomer(model: ScoringModel, stats: CustomerStats, now: string): CustomerAssessment {
  const meanSpend = stats.totalSpent / stats.purchaseDays;
  if (model.method === 'heuristic') {
    const risk = heuristicRisk(daysSinceLastOrder(stats, now), stats.meanGapDays);
    return {
      method: 'heuristic',
      pAlive: risk.pAlive,
      atRisk: risk.atRisk,
      purchasesIfAlive: heuristicPurchasesIfAlive(stats.meanGapDays, CHURN_HORIZON_DAYS),
      spendPerPurchase: meanSpend,
    };
  }
  const rfm = rfmOfStats(stats, now, model.timeUnit);
  const pAlive = bgNbdPAlive(model.params, rfm);
  const modelled = model.spend ? expectedAverageSpend(model.spend, rfm) : Number.NaN;
  return {
    method: 'bgnbd',
    pAlive,
    atRisk: pAlive < AT_RISK_BELOW,
    purchasesIfAlive: expectedPurchasesIfAlive(
      model.params,
      rfm,
      CHURN_HORIZON_DAYS / DAYS_PER_UNIT[model.timeUnit],
    ),
    spendPerPurchase: Number.isFinite(modelled) ? modelled : meanSpend,
  };
}

export const valueIfRetained = ({ purchasesIfAlive, spendPerPurchase }: CustomerAssessment) =>
  purchasesIfAlive * spendPerPurchase;

export function scoreCustomer(model: ScoringModel, stats: CustomerStats, now: string): ChurnScore {
  const assessment = assessCustomer(model, stats, now);
  const { method, pAlive, atRisk, purchasesIfAlive } = assessment;
  const retainedValue = valueIfRetained(assessment);
  return {
    method,
    pAlive,
    atRisk,
    expectedPurchases90d: pAlive * purchasesIfAlive,
    expectedValue: Math.round(pAlive * retainedValue),
    valueAtRisk: Math.round((1 - pAlive) * retainedValue),
    riskBand: riskBandOf(pAlive),
    valueTier: valueTierOf(retainedValue, model.valueCutoffs),
  };
}

/** low: not at risk; medium: P(alive) in [0.25, 0.5); high: below 0.25. */
export function riskBandOf(pAlive: number): RiskBand {
  if (pAlive >= AT_RISK_BELOW) return 'low';
  return pAlive >= HIGH_RISK_BELOW ? 'medium' : 'high';
}

export function valueTierOf(retainedValue: number, cutoffs: ValueCutoffs): ValueTier {
  if (retainedValue > cutoffs.high) return 'high';
  return retainedValue > cutoffs.mid ? 'mid' : 'low';
}

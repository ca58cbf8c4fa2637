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
  /** Why the customer is (not) at risk, in words: the rule and the figure that decided. */
  reason: string;
}

/** The parts every figure of a score is made from. */
export interface CustomerAssessment {
  method: ScoringModel['method'];
  pAlive: number;
  atRisk: boolean;
  /** What the risk band is cut from: pAlive, except for one-time buyers under BG/NBD (the heuristic's score). */
  riskScore: number;
  reason: string;
  purchasesIfAlive: number;
  spendPerPurchase: number;
}

const fixed = (value: number) => value.toFixed(3);

export function assessCustomer(model: ScoringModel, stats: CustomerStats, now: string): CustomerAssessment {
  const meanSpend = stats.totalSpent / stats.purchaseDays;
  if (model.method === 'heuristic') {
    const days = daysSinceLastOrder(stats, now);
    const risk = heuristicRisk(days, stats.meanGapDays);
    return {
      method: 'heuristic',
      pAlive: risk.pAlive,
      atRisk: risk.atRisk,
      riskScore: risk.pAlive,
      reason: `heuristic (${model.reason}): ${days} days since the last order, at risk after ${risk.thresholdDays}`,
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
    ...(rfm.x === 0 ? oneTimeBuyerRisk(stats, now) : repeatBuyerRisk(pAlive)),
    purchasesIfAlive: expectedPurchasesIfAlive(
      model.params,
      rfm,
      CHURN_HORIZON_DAYS / DAYS_PER_UNIT[model.timeUnit],
    ),
    spendPerPurchase: Number.isFinite(modelled) ? modelled : meanSpend,
  };
}

function repeatBuyerRisk(pAlive: number): Pick<CustomerAssessment, 'atRisk' | 'riskScore' | 'reason'> {
  const atRisk = pAlive < AT_RISK_BELOW;
  return {
    atRisk,
    riskScore: pAlive,
    reason: `BG/NBD P(alive) ${fixed(pAlive)} is ${atRisk ? 'below' : 'at least'} ${AT_RISK_BELOW}`,
  };
}

/**
 * BG/NBD lets customers drop out only after a repeat purchase, so it holds every one-time buyer
 * certainly alive; the lead's decision: judge them by the heuristic's days-since-order test instead.
 */
function oneTimeBuyerRisk(
  stats: CustomerStats,
  now: string,
): Pick<CustomerAssessment, 'atRisk' | 'riskScore' | 'reason'> {
  const days = daysSinceLastOrder(stats, now);
  const risk = heuristicRisk(days, null);
  return {
    atRisk: risk.atRisk,
    riskScore: risk.pAlive,
    reason:
      `one-time buyer: BG/NBD holds P(alive) at 1, so the heuristic decides: ${days} days since the only ` +
      `purchase day, at risk after ${risk.thresholdDays}`,
  };
}

export const valueIfRetained = ({ purchasesIfAlive, spendPerPurchase }: CustomerAssessment) =>
  purchasesIfAlive * spendPerPurchase;

export function scoreCustomer(model: ScoringModel, stats: CustomerStats, now: string): ChurnScore {
  const assessment = assessCustomer(model, stats, now);
  const { method, pAlive, atRisk, riskScore, reason, purchasesIfAlive } = assessment;
  const retainedValue = valueIfRetained(assessment);
  return {
    method,
    pAlive,
    atRisk,
    expectedPurchases90d: pAlive * purchasesIfAlive,
    expectedValue: Math.round(pAlive * retainedValue),
    valueAtRisk: Math.round((1 - pAlive) * retainedValue),
    riskBand: riskBandOf(riskScore),
    valueTier: valueTierOf(retainedValue, model.valueCutoffs),
    reason,
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

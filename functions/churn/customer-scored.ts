import type { NudgeEvent } from '../events/nudge-events.js';
import type { StoredScore } from './score-store.js';

/** `Customer Scored`: sent when a customer moves to another segment (value tier / risk band). */
export const customerScored = (score: StoredScore): NudgeEvent => ({
  detailType: 'Customer Scored',
  detail: {
    customerId: score.customerId,
    segment: score.segment,
    ...(score.previousSegment === undefined ? {} : { previousSegment: score.previousSegment }),
    valueTier: score.valueTier,
    riskBand: score.riskBand,
    atRisk: score.atRisk,
    pAlive: score.pAlive,
    expectedValue: score.expectedValue,
    valueAtRisk: score.valueAtRisk,
    method: score.method,
    reason: score.reason,
    modelVersion: score.modelVersion,
    runId: score.runId,
    scoredAt: score.scoredAt,
  },
});

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Bus } from '../ports/bus.js';
import type { Campaign, RuleSet } from '../rules/schema/index.js';
import type { Clock } from '../shared/clock.js';
import type { Log } from '../shared/logger.js';
import type { TableNames } from '../store/tables.js';
import { BUDGET_EXHAUSTED } from '../switches/budget-pause.js';
import { pauseAutomatically } from '../switches/switch-commands.js';
import { campaignSwitch } from '../switches/switch-scope.js';
import { reserve } from './ledger.js';
import { periodRenewsAt } from './period-renewal.js';
import { type SpendKind, scopesForSpend } from './scopes.js';
import { announceThresholds } from './thresholds.js';

export interface SpendDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'budgets' | 'control'>;
  bus: Bus;
  clock: Clock;
  log?: Log;
}

export interface SpendRequest {
  ruleSet: Pick<RuleSet, 'settings'>;
  campaign: Pick<Campaign, 'id' | 'budget'>;
  kind: SpendKind;
  movementKey: string;
  /** Milli-minor units. */
  amount: number;
  at: Date;
  /** Spent at once rather than reserved (see `ReserveRequest.commit`). */
  commit?: boolean;
}

export type SpendOutcome =
  | { ok: true; replayed: boolean }
  | { ok: false; reason: 'budget_exhausted'; scope: string; fragmented: boolean };

/**
 * Reserves a spend in every scope that applies. Afterwards it announces the budget thresholds
 * crossed; when a scope is full it pauses the campaign (`budget_exhausted`), which also emits
 * `Campaign Paused`. A full day or month scope pauses only until its next period starts
 * (`detail.resumeAt`); a full total scope pauses until a person resumes the campaign.
 */
export const reserveSpend = async (deps: SpendDeps, request: SpendRequest): Promise<SpendOutcome> => {
  const scopes = scopesForSpend(request.ruleSet, request.campaign, request.kind, request.at);
  const outcome = await reserve(deps, {
    movementKey: request.movementKey,
    scopes,
    amount: request.amount,
    at: request.at,
    commit: request.commit,
  });
  const thresholds = request.ruleSet.settings.budgetAlerts;
  if (outcome.ok) {
    if (!outcome.replayed) {
      await Promise.all(
        scopes
          .filter((scope) => scope.cap !== undefined)
          .map((scope) => announceThresholds(deps, scope.key, thresholds, { at: request.at })),
      );
    }
    return outcome;
  }
  deps.log?.warn('budget reservation refused', {
    campaignId: request.campaign.id,
    scope: outcome.scope,
    fragmented: outcome.fragmented,
  });
  await announceThresholds(deps, outcome.scope, thresholds, { exhausted: true, at: request.at });
  const resumeAt = periodRenewsAt(outcome.scope, request.ruleSet.settings.timeZone);
  // A late delivery can find a period full that is already over; the current one may have room.
  if (!resumeAt || resumeAt.getTime() > deps.clock.now().getTime()) {
    await pauseAutomatically(deps, {
      scope: campaignSwitch(request.campaign.id),
      reason: BUDGET_EXHAUSTED,
      detail: {
        budgetScope: outcome.scope,
        fragmented: outcome.fragmented,
        ...(resumeAt ? { resumeAt: resumeAt.toISOString() } : {}),
      },
    });
  }
  return { ok: false, reason: 'budget_exhausted', scope: outcome.scope, fragmented: outcome.fragmented };
};

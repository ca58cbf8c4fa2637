import type { Campaign, RuleSet } from '../rules/schema/index.js';
import { checkSwitches } from '../switches/switch-reader.js';
import { switchesForCampaign } from '../switches/switch-scope.js';
import { release, settle } from './ledger.js';
import { reserveSpend, type SpendDeps } from './reserve-spend.js';
import { emailSendCost } from './scopes.js';

export type SendReservation =
  | { ok: true; amount: number; replayed: boolean }
  | { ok: false; reason: 'switch_off'; scope: string; state: string }
  | { ok: false; reason: 'budget_exhausted'; scope: string }
  | { ok: false; reason: 'unknown_campaign'; campaignId: string };

export interface ReserveSendRequest {
  campaignId: string;
  /** The send's business key (campaign, customer, cart or period, step); one reservation per key. */
  messageKey: string;
  ruleSet: Pick<RuleSet, 'settings' | 'campaigns'>;
  at: Date;
}

const sendMovementKey = (messageKey: string) => `send:${messageKey}`;

/**
 * Call before handing an email to the mailer: refuses when a switch is off or a budget scope is
 * full, otherwise reserves the send cost (costPerThousand milli-minor units per email) in the
 * global scopes, the campaign's scopes and channel:email's month. Idempotent on messageKey.
 */
export const reserveSend = async (deps: SpendDeps, request: ReserveSendRequest): Promise<SendReservation> => {
  const campaign: Pick<Campaign, 'id' | 'budget'> | undefined = request.ruleSet.campaigns.find(
    (candidate) => candidate.id === request.campaignId,
  );
  if (!campaign) return { ok: false, reason: 'unknown_campaign', campaignId: request.campaignId };
  const verdict = await checkSwitches(deps, switchesForCampaign(campaign.id));
  if (!verdict.open) return { ok: false, reason: 'switch_off', scope: verdict.scope, state: verdict.state };
  const amount = emailSendCost(request.ruleSet);
  const outcome = await reserveSpend(deps, {
    ruleSet: request.ruleSet,
    campaign,
    kind: 'email',
    movementKey: sendMovementKey(request.messageKey),
    amount,
    at: request.at,
    commit: true,
  });
  if (!outcome.ok) return { ok: false, reason: 'budget_exhausted', scope: outcome.scope };
  return { ok: true, amount, replayed: outcome.replayed };
};

/**
 * After the mailer accepted the email, or its outcome is unknown: the cost is spent. A send's cost
 * is committed when it is reserved, so this only settles movements reserved before that was so.
 */
export const settleSend = async (deps: SpendDeps, { messageKey }: { messageKey: string }): Promise<void> =>
  settle(deps, { movementKey: sendMovementKey(messageKey), amount: Number.MAX_SAFE_INTEGER });

/** When the email was not handed to the mailer after all (e.g. the order check found a purchase): a refund. */
export const releaseSend = async (deps: SpendDeps, { messageKey }: { messageKey: string }): Promise<void> =>
  release(deps, { movementKey: sendMovementKey(messageKey) });

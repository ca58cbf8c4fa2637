import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Bus } from '../ports/bus.js';
import type { Clock } from '../shared/clock.js';
import { isConditionFailure } from '../store/dynamo.js';
import { BUDGET_PERIOD_RENEWED, budgetResumeAt, isRenewedBudgetPause, NUDGE_ACTOR } from './budget-pause.js';
import { recordSwitchAudit } from './switch-audit.js';
import { forgetCachedSwitches } from './switch-reader.js';
import {
  campaignIdOfScope,
  campaignSwitch,
  EMAIL_SWITCH,
  GLOBAL_SWITCH,
  type SwitchState,
} from './switch-scope.js';
import {
  readSwitch,
  SWITCH_PK,
  type SwitchRecord,
  type SwitchStoreDeps,
  switchRecordSchema,
} from './switch-store.js';

export interface SwitchDeps extends SwitchStoreDeps {
  bus: Bus;
  clock: Clock;
}

export { NUDGE_ACTOR } from './budget-pause.js';

export interface SwitchChange {
  scope: string;
  state: SwitchState;
  reason?: string;
  actor: string;
  detail?: Record<string, unknown>;
}

const announce = async (deps: SwitchDeps, record: SwitchRecord, previous: string): Promise<void> => {
  // Creating a switch as active is set-up, not a resume.
  if (record.state === previous || (previous === 'missing' && record.state === 'active')) return;
  const campaignId = campaignIdOfScope(record.scope);
  await deps.bus.publish([
    {
      detailType: record.state === 'active' ? 'Campaign Resumed' : 'Campaign Paused',
      detail: {
        scope: record.scope,
        ...(campaignId ? { campaignId } : {}),
        state: record.state,
        previousState: previous,
        reason: record.reason,
        actor: record.actor,
        at: record.at,
        ...(record.detail ? { detail: record.detail } : {}),
      },
    },
  ]);
};

interface WriteCondition {
  expression: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
}

const write = async (
  deps: SwitchDeps,
  change: SwitchChange,
  condition?: WriteCondition,
): Promise<{ record: SwitchRecord; previous: string } | undefined> => {
  const record: SwitchRecord = {
    scope: change.scope,
    state: change.state,
    reason: change.reason,
    actor: change.actor,
    at: deps.clock.now().toISOString(),
    detail: change.detail,
  };
  try {
    const result = await deps.db.send(
      new PutCommand({
        TableName: deps.tables.control,
        Item: { pk: SWITCH_PK, sk: change.scope, ...record },
        ReturnValues: 'ALL_OLD',
        ConditionExpression: condition?.expression,
        ExpressionAttributeNames: condition?.names,
        ExpressionAttributeValues:
          condition && Object.keys(condition.values).length > 0 ? condition.values : undefined,
      }),
    );
    forgetCachedSwitches(deps.tables.control);
    const old = result.Attributes ? switchRecordSchema.safeParse(result.Attributes) : undefined;
    const previous = old?.success ? old.data.state : 'missing';
    await recordSwitchAudit(deps, {
      scope: record.scope,
      from: previous,
      to: record.state,
      reason: record.reason,
      actor: record.actor,
      at: record.at,
    });
    await announce(deps, record, previous);
    return { record, previous };
  } catch (error) {
    if (condition && isConditionFailure(error)) return undefined;
    throw error;
  }
};

/** A person's command (CLI, admin API): always applies, always audited, announced when the state changes. */
export const setSwitch = async (
  deps: SwitchDeps,
  change: SwitchChange,
): Promise<{ record: SwitchRecord; previous: string }> => (await write(deps, change))!;

const ONLY_ACTIVE: WriteCondition = {
  expression: 'attribute_not_exists(pk) OR #state = :active',
  names: { '#state': 'state' },
  values: { ':active': 'active' },
};

/**
 * Lifts a budget pause whose period has renewed. The write only succeeds while the switch is still
 * exactly that automatic pause, so a person's later pause, kill or resume is never overridden.
 * Audited and announced with `Campaign Resumed`. Returns whether this call resumed it.
 */
export const resumeRenewedBudget = async (deps: SwitchDeps, paused: SwitchRecord): Promise<boolean> => {
  const resumeAt = budgetResumeAt(paused);
  if (!resumeAt || !isRenewedBudgetPause(paused, deps.clock.now())) return false;
  const written = await write(
    deps,
    {
      scope: paused.scope,
      state: 'active',
      reason: BUDGET_PERIOD_RENEWED,
      actor: NUDGE_ACTOR,
      detail: {
        budgetScope: paused.detail?.budgetScope,
        resumeAt: resumeAt.toISOString(),
        pausedAt: paused.at,
      },
    },
    {
      expression:
        '#state = :paused AND #reason = :reason AND #actor = :actor AND #at = :at AND #detail.#resumeAt = :resumeAt',
      names: {
        '#state': 'state',
        '#reason': 'reason',
        '#actor': 'actor',
        '#at': 'at',
        '#detail': 'detail',
        '#resumeAt': 'resumeAt',
      },
      values: {
        ':paused': 'paused',
        ':reason': paused.reason,
        ':actor': paused.actor,
        ':at': paused.at,
        ':resumeAt': paused.detail?.resumeAt,
      },
    },
  );
  return written !== undefined;
};

/**
 * A stop nudge makes itself (budget exhausted, ROI floor, pacing, reputation, cost alert). It only
 * pauses what is active or missing: it never turns a kill into a pause, and a scope already paused
 * keeps the reason it was first paused for. A budget pause whose period has renewed counts as
 * active: it is resumed first, so the audit log and the events show both steps. Returns whether
 * this call paused it.
 */
export const pauseAutomatically = async (
  deps: SwitchDeps,
  stop: { scope: string; reason: string; actor?: string; detail?: Record<string, unknown> },
): Promise<boolean> => {
  const change: SwitchChange = {
    scope: stop.scope,
    state: 'paused',
    reason: stop.reason,
    actor: stop.actor ?? NUDGE_ACTOR,
    detail: stop.detail,
  };
  if (await write(deps, change, ONLY_ACTIVE)) return true;
  const current = await readSwitch(deps, stop.scope);
  if (!current || !isRenewedBudgetPause(current, deps.clock.now())) return false;
  await resumeRenewedBudget(deps, current);
  return (await write(deps, change, ONLY_ACTIVE)) !== undefined;
};

/**
 * Creates `global`, `channel:email` and each campaign's switch as active when missing (first
 * start, deploy, publishing a rule set with a new campaign). Existing switches are left alone.
 */
export const ensureSwitches = async (
  deps: SwitchDeps,
  { campaignIds, actor = NUDGE_ACTOR }: { campaignIds: string[]; actor?: string },
): Promise<string[]> => {
  const scopes = [GLOBAL_SWITCH, EMAIL_SWITCH, ...campaignIds.map(campaignSwitch)];
  const created = await Promise.all(
    scopes.map(async (scope) => {
      const written = await write(
        deps,
        { scope, state: 'active', reason: 'created', actor },
        { expression: 'attribute_not_exists(pk)', values: {} },
      );
      return written ? [scope] : [];
    }),
  );
  return created.flat();
};

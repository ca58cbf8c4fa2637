import type { Deps } from '../shared/deps.js';
import * as z from '../shared/zod.js';
import { pauseAutomatically, type SwitchDeps } from './switch-commands.js';
import { GLOBAL_SWITCH } from './switch-scope.js';

export const COST_ALERT_ACTOR = 'aws-budgets';

const snsEventSchema = z.object({
  Records: z
    .array(
      z.looseObject({
        Sns: z.looseObject({ Subject: z.nullish(z.string()), Message: z._default(z.string(), '') }),
      }),
    )
    .check(z.minLength(1)),
});

/**
 * An AWS Budgets alert (cloud cost, through SNS) pauses the global switch. Any invocation counts:
 * the topic exists only for this alert, so an unreadable message still means stop.
 */
export const handleCostAlert = async (deps: SwitchDeps, event: unknown): Promise<{ paused: boolean }> => {
  const parsed = snsEventSchema.safeParse(event);
  const first = parsed.success ? parsed.data.Records[0]!.Sns : undefined;
  const paused = await pauseAutomatically(deps, {
    scope: GLOBAL_SWITCH,
    reason: 'aws_cost_budget',
    actor: COST_ALERT_ACTOR,
    detail: {
      subject: first?.Subject ?? undefined,
      message: first ? first.Message.slice(0, 500) : 'unreadable SNS event',
    },
  });
  return { paused };
};

export const createCostAlertHandler = (deps: Deps) => async (event: unknown) => {
  const outcome = await handleCostAlert(deps, event);
  deps.log.warn('AWS cost budget alert', { paused: outcome.paused });
  return outcome;
};

import type { SwitchRecord } from './switch-store.js';

/** The actor nudge uses for the stops it makes itself. */
export const NUDGE_ACTOR = 'nudge';

/** The reason of the pause a full budget scope makes (functions/budget/reserve-spend.ts). */
export const BUDGET_EXHAUSTED = 'budget_exhausted';

/** The reason nudge gives when it lifts a budget pause because the budget's period renewed. */
export const BUDGET_PERIOD_RENEWED = 'budget_period_renewed';

/** When an automatic budget pause ends by itself; undefined for any other record (a total cap, a person's pause). */
export const budgetResumeAt = (record: SwitchRecord): Date | undefined => {
  if (record.state !== 'paused' || record.reason !== BUDGET_EXHAUSTED) return undefined;
  const resumeAt = record.detail?.resumeAt;
  if (typeof resumeAt !== 'string') return undefined;
  const instant = new Date(resumeAt);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
};

/** A budget pause whose period has renewed: it no longer stops anything, even before the guard tidies it. */
export const isRenewedBudgetPause = (record: SwitchRecord, now: Date): boolean => {
  const resumeAt = budgetResumeAt(record);
  return resumeAt !== undefined && resumeAt.getTime() <= now.getTime();
};

/**
 * A switch as the guard will record it: a budget pause whose period has renewed reads as active, from
 * `resumeAt` on, even before the guard's next run writes that. Every other record is shown as stored.
 */
export const asGuardWillRecord = (record: SwitchRecord, now: Date): SwitchRecord => {
  const resumeAt = budgetResumeAt(record);
  if (!resumeAt || resumeAt.getTime() > now.getTime()) return record;
  return {
    scope: record.scope,
    state: 'active',
    reason: BUDGET_PERIOD_RENEWED,
    actor: NUDGE_ACTOR,
    at: resumeAt.toISOString(),
  };
};

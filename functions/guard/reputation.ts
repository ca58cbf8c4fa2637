import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recentDayKeys } from '../budget/periods.js';
import { readChannelMetrics } from '../metrics/campaign-metrics.js';
import type { RuleSet } from '../rules/schema/index.js';
import type { TableNames } from '../store/tables.js';
import { EMAIL_SWITCH } from '../switches/switch-scope.js';
import type { GuardStop } from './guard-stop.js';

/** Bounce and complaint rates are judged over this many days of sends. */
export const REPUTATION_WINDOW_DAYS = 7;

/**
 * The SES reputation breaker: pause all email at the bounce or complaint rate in the rules (4% and
 * 0.08% by default, below SES's review levels of 5% and 0.1%), once there are `minSends` sends.
 */
export const checkReputation = async (
  deps: { db: DynamoDBDocumentClient; tables: Pick<TableNames, 'control'> },
  ruleSet: Pick<RuleSet, 'settings'>,
  now: Date,
): Promise<GuardStop | undefined> => {
  const limits = ruleSet.settings.reputation;
  const days = recentDayKeys(now, ruleSet.settings.timeZone, REPUTATION_WINDOW_DAYS);
  const counts = await readChannelMetrics(deps.db, deps.tables, 'email', days);
  if (counts.sent < limits.minSends) return undefined;
  const bounceRate = counts.bounces / counts.sent;
  const complaintRate = counts.complaints / counts.sent;
  const detail = {
    sent: counts.sent,
    bounces: counts.bounces,
    complaints: counts.complaints,
    bounceRate,
    complaintRate,
  };
  if (bounceRate >= limits.bounceRate)
    return { scope: EMAIL_SWITCH, reason: 'reputation_bounce_rate', detail };
  if (complaintRate >= limits.complaintRate)
    return { scope: EMAIL_SWITCH, reason: 'reputation_complaint_rate', detail };
  return undefined;
};

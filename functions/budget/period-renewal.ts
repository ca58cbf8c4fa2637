import { nextDayKey, nextMonthKey, startOfDay } from './periods.js';

const DAY_SCOPE = /:day:(\d{4}-\d{2}-\d{2})$/;
const MONTH_SCOPE = /:month:(\d{4}-\d{2})$/;

/**
 * When a budget scope's period is over and the next one starts fresh, in settings.timeZone:
 * the next local midnight for a day scope, the first of the next month for a month scope.
 * Undefined for a total scope, which never renews.
 */
export const periodRenewsAt = (scopeKey: string, timeZone: string): Date | undefined => {
  const day = DAY_SCOPE.exec(scopeKey)?.[1];
  if (day) return startOfDay(nextDayKey(day), timeZone);
  const month = MONTH_SCOPE.exec(scopeKey)?.[1];
  if (month) return startOfDay(`${nextMonthKey(month)}-01`, timeZone);
  return undefined;
};

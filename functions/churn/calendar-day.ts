const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type TimeUnit = 'day' | 'week';

export const DAYS_PER_UNIT: Record<TimeUnit, number> = { day: 1, week: 7 };

/** Days since 1970-01-01 (UTC) of a `YYYY-MM-DD` date, or undefined when it is not a real date. */
export function parseIsoDay(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

/** UTC calendar day of an ISO timestamp (or date). */
export function dayOfInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date or timestamp: ${iso}`);
  return Math.floor(ms / MS_PER_DAY);
}

export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

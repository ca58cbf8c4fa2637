import * as z from '../../shared/zod.js';

const durationPattern = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Milliseconds in an ISO 8601 duration made of weeks, days, hours, minutes and seconds.
 * Years and months are refused: their length depends on the date, so a delay would drift.
 */
export const durationToMs = (value: string): number | undefined => {
  const match = durationPattern.exec(value);
  if (!match) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return (
    (weeks ?? 0) * 7 * DAY +
    (days ?? 0) * DAY +
    (hours ?? 0) * HOUR +
    (minutes ?? 0) * 60_000 +
    (seconds ?? 0) * 1000
  );
};

/** "4 hours", "3 days", "90 minutes": how a marketer reads a duration. */
export const describeDuration = (ms: number): string => {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (ms % DAY === 0 && ms > 0) return plural(ms / DAY, 'day');
  if (ms % HOUR === 0 && ms > 0) return plural(ms / HOUR, 'hour');
  if (ms % 60_000 === 0 && ms > 0) return plural(ms / 60_000, 'minute');
  return plural(ms / 1000, 'second');
};

export interface DurationBounds {
  min?: string;
  max?: string;
  description: string;
}

const boundMs = (bound: string): number => {
  const ms = durationToMs(bound);
  if (ms === undefined) throw new Error(`Invalid duration bound ${bound}`);
  return ms;
};

/** An ISO 8601 duration such as PT4H or P3D, within sane bounds for the field it fills. */
export const isoDuration = ({ min, max, description }: DurationBounds) => {
  const minMs = min === undefined ? undefined : boundMs(min);
  const maxMs = max === undefined ? undefined : boundMs(max);
  return z.string({ error: 'must be a duration in quotes, such as "PT4H"' }).check(
    z.regex(durationPattern, {
      error: 'must be a duration such as PT4H (4 hours), PT30M (30 minutes) or P3D (3 days)',
      abort: true,
    }),
    z.refine(
      (value) => minMs === undefined || (durationToMs(value) ?? minMs) >= minMs,
      `must be at least ${describeDuration(minMs ?? 0)} (${min})`,
    ),
    z.refine(
      (value) => maxMs === undefined || (durationToMs(value) ?? maxMs) <= maxMs,
      `must be at most ${describeDuration(maxMs ?? 0)} (${max})`,
    ),
    z.meta({ description: `${description} ISO 8601 duration, e.g. PT4H or P3D.` }),
  );
};

import { addDays, instantAtWallTime, wallTimeAt } from './zoned-time.js';

export interface QuietHours {
  /** 'HH:MM' in the customer's time zone, e.g. '21:00'. */
  start: string;
  /** 'HH:MM', e.g. '08:00'; earlier than start means the quiet hours span midnight. */
  end: string;
}

const minutesOf = (clock: string): number => {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

const isQuietMinute = (minute: number, start: number, end: number): boolean =>
  start <= end ? minute >= start && minute < end : minute >= start || minute < end;

export const isQuietAt = (instant: Date, timeZone: string, quiet: QuietHours): boolean => {
  const wall = wallTimeAt(instant, timeZone);
  return isQuietMinute(wall.hour * 60 + wall.minute, minutesOf(quiet.start), minutesOf(quiet.end));
};

/** `instant` itself when it is outside quiet hours, else the moment they end in the customer's zone. */
export const endOfQuietHours = (instant: Date, timeZone: string, quiet: QuietHours): Date => {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const wall = wallTimeAt(instant, timeZone);
  const minute = wall.hour * 60 + wall.minute;
  if (!isQuietMinute(minute, start, end)) return instant;
  // Quiet hours that began this evening end tomorrow morning; those that began yesterday end today.
  const days = start > end && minute >= start ? 1 : 0;
  const ends = instantAtWallTime(addDays(wall, days, Math.floor(end / 60), end % 60), timeZone);
  return ends.getTime() > instant.getTime() ? ends : instant;
};

/** A wall-clock reading in some time zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export const wallTimeAt = (instant: Date, timeZone: string): WallTime => {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
};

const wallAsUtcMs = (wall: WallTime): number =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

const offsetMsAt = (instantMs: number, timeZone: string): number =>
  wallAsUtcMs(wallTimeAt(new Date(instantMs), timeZone)) - Math.floor(instantMs / 1000) * 1000;

/**
 * The first instant whose wall time in `timeZone` is `wall`; when the clocks skip over it
 * (spring forward), the same wall time moved on by the length of the gap.
 */
export const instantAtWallTime = (wall: WallTime, timeZone: string): Date => {
  const target = wallAsUtcMs(wall);
  const first = target - offsetMsAt(target, timeZone);
  const second = target - offsetMsAt(first, timeZone);
  // In a fall-back overlap both readings exist; the earlier instant is the first to show this wall time.
  const candidate = Math.min(first, second);
  if (wallAsUtcMs(wallTimeAt(new Date(candidate), timeZone)) === target) return new Date(candidate);
  const other = Math.max(first, second);
  if (wallAsUtcMs(wallTimeAt(new Date(other), timeZone)) === target) return new Date(other);
  // In a gap no instant shows this wall time; like Temporal's "compatible", move on by the gap's length.
  return new Date(target - offsetMsAt(target - 86_400_000, timeZone));
};

/** The calendar date `days` after the given wall date, at the given clock time. */
export const addDays = (wall: WallTime, days: number, hour: number, minute: number): WallTime => {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour,
    minute,
    second: 0,
  };
};

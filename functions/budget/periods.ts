const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** `YYYY-MM-DD` of an instant in a time zone: budget days are cut in settings.timeZone. */
export const dayKey = (at: Date, timeZone: string): string => {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
};

/** `YYYY-MM` of an instant in a time zone. */
export const monthKey = (at: Date, timeZone: string): string => dayKey(at, timeZone).slice(0, 7);

/** The `days` day keys ending with the one that holds `at`, oldest first. */
export const recentDayKeys = (at: Date, timeZone: string, days: number): string[] => {
  const today = dayKey(at, timeZone);
  const noonUtc = Date.UTC(
    Number(today.slice(0, 4)),
    Number(today.slice(5, 7)) - 1,
    Number(today.slice(8, 10)),
    12,
  );
  return Array.from({ length: days }, (_, index) =>
    new Date(noonUtc - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
};

/** How far through its month `at` is, counting the current day as complete (0 < result <= 1). */
export const monthElapsedThroughToday = (at: Date, timeZone: string): number => {
  const today = dayKey(at, timeZone);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Number(today.slice(8, 10)) / daysInMonth;
};

const HOUR_MS = 3_600_000;

const utcMidnightOf = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/** The day key after `day` (`YYYY-MM-DD`). */
export const nextDayKey = (day: string): string =>
  new Date(utcMidnightOf(day) + 24 * HOUR_MS).toISOString().slice(0, 10);

/** The month key after `month` (`YYYY-MM`). */
export const nextMonthKey = (month: string): string =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7);

/**
 * The first instant of `day` in a time zone: local midnight, or the first instant after it when a
 * clock change skips midnight. Found by bisection on `dayKey`, so it agrees with how scopes are cut.
 */
export const startOfDay = (day: string, timeZone: string): Date => {
  // UTC offsets lie between -12 h and +14 h, so the local day starts inside this window.
  let before = utcMidnightOf(day) - 15 * HOUR_MS;
  let from = utcMidnightOf(day) + 13 * HOUR_MS;
  while (from - before > 1) {
    const middle = Math.floor((before + from) / 2);
    if (dayKey(new Date(middle), timeZone) >= day) from = middle;
    else before = middle;
  }
  return new Date(from);
};

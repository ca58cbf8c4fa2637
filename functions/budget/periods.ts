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

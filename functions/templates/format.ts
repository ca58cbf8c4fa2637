const fractionDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Formats integer minor units (cents, fen) as money for a locale: 1999 USD -> $19.99 (en), US$19.99 (zh-CN). */
export const formatMoney = (minorUnits: number, currency: string, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    minorUnits / 10 ** fractionDigits(currency),
  );

/** A date and time as the customer reads it, in their time zone. */
export const formatDateTime = (instant: string | Date, locale: string, timeZone: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(instant),
  );

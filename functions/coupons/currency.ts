/** Minor-unit digits of a currency: 2 for USD and CNY, 0 for JPY, 3 for KWD. */
export const minorDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Minor units in one major unit: 100 for USD, 1 for JPY. */
export const minorPerMajor = (currency: string): number => 10 ** minorDigits(currency);

/** `$20`, `$19.90`, `¥200`: whole amounts are shown without decimals, as a shop prints prices. */
export const formatMoney = (minorUnits: number, currency: string, locale: string): string => {
  const digits = minorDigits(currency);
  const whole = minorUnits % 10 ** digits === 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(minorUnits / 10 ** digits);
};

const FRIENDLY_MULTIPLES = [1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];

/**
 * The friendliest amount in [low, high]: a multiple of the largest "round" step (1000, 500, 200,
 * ... major units, then tenths and cents) that has one in the range. Falls back to `low`.
 */
export const friendlyAmountBetween = (low: number, high: number, currency: string): number => {
  const unit = minorPerMajor(currency);
  const steps = [...FRIENDLY_MULTIPLES.map((multiple) => multiple * unit)];
  for (let step = unit / 2; step >= 1; step /= 10) {
    if (Number.isInteger(step)) steps.push(step);
    if (Number.isInteger(step / 5)) steps.push(step / 5);
  }
  for (const step of steps) {
    const candidate = Math.ceil(low / step) * step;
    if (candidate <= high) return candidate;
  }
  return low;
};

/** The largest friendly amount not above `amount`, for discounts cut down to fit a margin. */
export const friendlyAmountAtMost = (amount: number, currency: string): number => {
  const unit = minorPerMajor(currency);
  if (amount >= unit) return Math.floor(amount / unit) * unit;
  return Math.max(0, Math.floor(amount));
};

/** Coupon codes as printed in emails: `K7QM-3XD9-PW2H-T` (Crockford base32 and a check symbol). */
const CODE_PATTERN =
  /\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]\b/;

export const couponCodeIn = (text: string | null | undefined): string | undefined =>
  text?.match(CODE_PATTERN)?.[0];

/** What a coupon is worth on a given subtotal, from the value the coupons API reports. */
export function discountOf(value: unknown, subtotal: number): { discount: number; minSpend: number } {
  const v = (value ?? {}) as Record<string, unknown>;
  const n = (key: string) => (typeof v[key] === 'number' ? (v[key] as number) : 0);
  const minSpend = n('minSpend');
  switch (v.kind) {
    case 'percent_off':
      return { discount: Math.min(Math.round((subtotal * n('percent')) / 100), n('maxDiscount')), minSpend };
    case 'amount_off':
      return { discount: Math.min(n('amount'), subtotal), minSpend };
    case 'spend_threshold':
      return { discount: n('save'), minSpend: Math.max(minSpend, n('threshold')) };
    default:
      return { discount: 0, minSpend };
  }
}

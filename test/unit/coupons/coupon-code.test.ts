import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALPHABET,
  CODE_LENGTH,
  checkSymbolOf,
  formatCouponCode,
  generateCouponCode,
  parseCouponCode,
} from '../../../functions/coupons/coupon-code.js';

const symbol = fc.constantFrom(...ALPHABET);
const canonicalCode = fc
  .array(symbol, { minLength: 12, maxLength: 12 })
  .map((symbols) => symbols.join(''))
  .map((data) => data + checkSymbolOf(data));

describe('coupon codes', () => {
  it('prints 12 random symbols and a check symbol in groups of four', () => {
    const code = generateCouponCode();

    expect(code).toHaveLength(CODE_LENGTH);
    expect(formatCouponCode(code)).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/,
    );
  });

  it('uses all 60 random bits: each of the 12 symbols takes every value', () => {
    const seen = Array.from({ length: 12 }, () => new Set<string>());

    for (let draw = 0; draw < 2_000; draw += 1) {
      const code = generateCouponCode();
      for (let index = 0; index < 12; index += 1) seen[index]!.add(code[index]!);
    }

    expect(seen.map((symbols) => symbols.size)).toEqual(Array(12).fill(32));
  });

  it('round-trips through print and parse, in any case, with spaces, O for 0 and I or L for 1', () => {
    fc.assert(
      fc.property(canonicalCode, fc.boolean(), (code, lower) => {
        const printed = formatCouponCode(code);
        const typed = (lower ? printed.toLowerCase() : printed)
          .replace(/-/g, ' ')
          .replace(/0/g, 'O')
          .replace(/1/g, 'l');

        expect(parseCouponCode(printed)).toEqual({ ok: true, code });
        expect(parseCouponCode(typed)).toEqual({ ok: true, code });
      }),
      { numRuns: 2_000 },
    );
  });

  it('catches every single wrong symbol, the check symbol included', () => {
    fc.assert(
      fc.property(canonicalCode, (code) => {
        const missed: string[] = [];
        for (let index = 0; index < CODE_LENGTH; index += 1) {
          for (const wrong of ALPHABET) {
            if (wrong === code[index]) continue;
            const typo = code.slice(0, index) + wrong + code.slice(index + 1);
            if (parseCouponCode(typo).ok) missed.push(typo);
          }
        }
        expect(missed).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('catches every swap of two different neighbours, the check symbol included', () => {
    fc.assert(
      fc.property(canonicalCode, (code) => {
        for (let index = 0; index < CODE_LENGTH - 1; index += 1) {
          if (code[index] === code[index + 1]) continue;
          const swapped = code.slice(0, index) + code[index + 1] + code[index] + code.slice(index + 2);
          if (parseCouponCode(swapped).ok) return false;
        }
        return true;
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses input of the wrong length or with symbols outside the alphabet', () => {
    expect(parseCouponCode('K7QM-3XD9-PW2H')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseCouponCode('K7QM-3XD9-PW2H-U')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseCouponCode('')).toEqual({ ok: false, reason: 'malformed' });
  });
});

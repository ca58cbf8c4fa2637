import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so codes survive handwriting and reading aloud. */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 symbols of 5 bits: 60 random bits from the CSPRNG. */
export const DATA_SYMBOLS = 12;
export const CODE_LENGTH = DATA_SYMBOLS + 1;

// Arithmetic in GF(32) with the primitive polynomial x^5 + x^2 + 1.
const gfMultiply = (a: number, b: number): number => {
  let product = 0;
  let left = a;
  let right = b;
  while (right > 0) {
    if (right & 1) product ^= left;
    right >>= 1;
    left <<= 1;
    if (left & 0b100000) left ^= 0b100101;
  }
  return product;
};

/** Weight of data position i is x^(i+1): all distinct and none equal to 1, the check symbol's weight. */
const WEIGHTS = Array.from({ length: DATA_SYMBOLS }, (_, index) => {
  let weight = 1;
  for (let power = 0; power <= index; power += 1) weight = gfMultiply(weight, 2);
  return weight;
});

/**
 * The check symbol: c = sum of w_i * d_i in GF(32), so that sum + c = 0. A wrong symbol at i
 * changes the sum by w_i * e with e != 0, never 0 in a field; swapping neighbours changes it by
 * (w_i + w_i+1)(d_i + d_i+1), non-zero when the symbols differ because the weights do (and the
 * last weight differs from the check's weight 1). Every symbol stays in the 32-letter alphabet.
 */
export const checkSymbolOf = (data: string): string => {
  let sum = 0;
  for (let index = 0; index < DATA_SYMBOLS; index += 1) {
    sum ^= gfMultiply(WEIGHTS[index]!, ALPHABET.indexOf(data[index]!));
  }
  return ALPHABET[sum]!;
};

/** A new canonical code: 12 random symbols plus the check symbol, no separators. */
export const generateCouponCode = (bytes: (size: number) => Buffer = randomBytes): string => {
  let bits = bytes(8).readBigUInt64BE(0);
  let data = '';
  for (let index = 0; index < DATA_SYMBOLS; index += 1) {
    data += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return data + checkSymbolOf(data);
};

/** As printed: `K7QM-3XD9-PW2H-T`. */
export const formatCouponCode = (canonical: string): string =>
  `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8, 12)}-${canonical.slice(12)}`;

export type ParsedCode = { ok: true; code: string } | { ok: false; reason: 'malformed' | 'check_failed' };

/** Case-insensitive; ignores hyphens and spaces; reads O as 0 and I or L as 1. */
export const parseCouponCode = (input: string): ParsedCode => {
  const normalized = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (normalized.length !== CODE_LENGTH || [...normalized].some((symbol) => !ALPHABET.includes(symbol))) {
    return { ok: false, reason: 'malformed' };
  }
  if (checkSymbolOf(normalized.slice(0, DATA_SYMBOLS)) !== normalized[DATA_SYMBOLS]) {
    return { ok: false, reason: 'check_failed' };
  }
  return { ok: true, code: normalized };
};

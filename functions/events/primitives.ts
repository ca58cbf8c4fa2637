import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

const knownCurrencies = lazy(() => new Set(Intl.supportedValuesOf('currency')));

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const isLocale = (value: string): boolean => {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
};

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

// `minorUnits` and `instant` are `z.lazy` wrappers: other areas' schemas compose them as values.
// The other primitives are getters. Each is built on first use.

/** Money is an integer number of minor units (cents, fen), never a float. */
export const minorUnits = z.lazy(() =>
  z
    .number()
    .check(
      z.int('must be a whole number of minor units (cents), not a fraction'),
      z.nonnegative('must not be negative'),
      z.lte(Number.MAX_SAFE_INTEGER),
      z.meta({ description: 'Integer amount in minor units (cents, fen).' }),
    ),
);

export const currencyCode = lazy(() =>
  z.string().check(
    z.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD or CNY'),
    z.refine((code) => knownCurrencies().has(code), 'is not a known ISO 4217 currency'),
    z.meta({ description: 'ISO 4217 currency code.' }),
  ),
);

export const timeZone = lazy(() =>
  z
    .string()
    .check(
      z.maxLength(64),
      z.refine(isTimeZone, 'is not an IANA time zone such as Europe/Berlin or Asia/Shanghai'),
      z.meta({ description: 'IANA time zone.' }),
    ),
);

export const localeTag = lazy(() =>
  z
    .string()
    .check(
      z.maxLength(35),
      z.refine(isLocale, 'is not a BCP 47 language tag such as en-US or zh-CN'),
      z.meta({ description: 'BCP 47 language tag.' }),
    ),
);

export const httpUrl = lazy(() =>
  z
    .string()
    .check(
      z.maxLength(2048),
      z.refine(isHttpUrl, 'must be an http(s) URL'),
      z.meta({ description: 'An http or https URL.' }),
    ),
);

export const instant = z.lazy(() =>
  z.iso.datetime({ offset: true }).check(z.meta({ description: 'ISO 8601 instant.' })),
);

export const identifier = lazy(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(128),
      z.regex(/^[\w.:@-]+$/, 'may only contain letters, digits and . _ : @ -'),
    ),
);

export const email = lazy(() => z.email().check(z.maxLength(254)));

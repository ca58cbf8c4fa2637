import * as z from '../../shared/zod.js';

/** Money is an integer number of minor units of settings.currency (cents, fen), never a float. */
export const money = (description: string) =>
  z.number({ error: 'must be a number of cents (minor units), e.g. 2000 for 20.00' }).check(
    z.int({
      error: 'must be a whole number of cents (minor units), e.g. 2000 for 20.00, not a fraction',
      abort: true,
    }),
    z.nonnegative({ error: 'must not be negative', abort: true }),
    z.lte(Number.MAX_SAFE_INTEGER, 'is too large'),
    z.meta({ description: `${description} In minor units of the shop currency (2000 = 20.00).` }),
  );

/** Like money, but zero would make the thing pointless (an offer that saves nothing). */
export const positiveMoney = (description: string) =>
  money(description).check(
    z.positive('must be more than 0'),
    z.meta({
      description: `${description} In minor units of the shop currency (2000 = 20.00).`,
    }),
  );

export const percent = (description: string, { min = 0, max = 100 } = {}) =>
  z
    .number({ error: 'must be a number between 0 and 100' })
    .check(
      z.gte(min, `must be at least ${min}`),
      z.lte(max, `must be at most ${max}`),
      z.meta({ description: `${description} Percent, ${min} to ${max}.` }),
    );

export const wholeCount = (description: string, { min = 0, max = 1_000_000 } = {}) =>
  z
    .number({ error: 'must be a whole number' })
    .check(
      z.int('must be a whole number'),
      z.gte(min, `must be at least ${min}`),
      z.lte(max, `must be at most ${max}`),
      z.meta({ description }),
    );

/** A rate such as 0.04 (4 %): between 0 and 1. */
export const ratio = (description: string) =>
  z
    .number({ error: 'must be a number between 0 and 1, e.g. 0.04 for 4%' })
    .check(
      z.gte(0, 'must not be negative'),
      z.lte(1, 'must be at most 1 (1 means 100%)'),
      z.meta({ description: `${description} A fraction between 0 and 1 (0.04 = 4%).` }),
    );

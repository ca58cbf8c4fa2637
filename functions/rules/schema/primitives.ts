import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';

/** Ids of campaigns, offers and templates; also their file and folder names. */
export const slug = lazy(() =>
  z
    .string({ error: 'must be text' })
    .check(
      z.minLength(1, 'must not be empty'),
      z.maxLength(64, 'must be at most 64 characters'),
      z.regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'may only contain lowercase letters, digits and hyphens, e.g. cart-recall',
      ),
    ),
);

export const text = (description: string, { min = 1, max = 200 } = {}) =>
  z
    .string({ error: 'must be text' })
    .check(
      z.minLength(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`),
      z.maxLength(max, `must be at most ${max} characters`),
      z.meta({ description }),
    );

export const clockTime = (description: string) =>
  z
    .string({ error: 'must be a time such as 21:00' })
    .check(
      z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 21:00 or 08:00'),
      z.meta({ description }),
    );

export const countryCode = lazy(() =>
  z
    .string({ error: 'must be a two-letter country code such as US or CN' })
    .check(z.regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US or CN')),
);

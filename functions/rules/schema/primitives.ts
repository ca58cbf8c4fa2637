import * as z from 'zod';
import { lazy } from '../../shared/lazy.js';

/** Ids of campaigns, offers and templates; also their file and folder names. */
export const slug = lazy(() =>
  z
    .string({ error: 'must be text' })
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(
      /^[a-z0-9][a-z0-9-]*$/,
      'may only contain lowercase letters, digits and hyphens, e.g. cart-recall',
    ),
);

export const text = (description: string, { min = 1, max = 200 } = {}) =>
  z
    .string({ error: 'must be text' })
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .meta({ description });

export const clockTime = (description: string) =>
  z
    .string({ error: 'must be a time such as 21:00' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 21:00 or 08:00')
    .meta({ description });

export const countryCode = lazy(() =>
  z
    .string({ error: 'must be a two-letter country code such as US or CN' })
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US or CN'),
);

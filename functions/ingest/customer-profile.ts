import * as z from 'zod';
import { instant } from '../events/primitives.js';
import { type Consent, type CustomerUpserted, consentSchema } from '../events/shop-events.js';
import { lazy } from '../shared/lazy.js';

export const PROFILE_SK = 'profile';

/** Consent as stored: `updatedAtMs` orders consents whatever offset their ISO instants carry. */
export const storedConsentSchema = lazy(() =>
  consentSchema.unwrap().extend({ updatedAtMs: z.number().int() }),
);
export type StoredConsent = z.infer<ReturnType<typeof storedConsentSchema>>;

/**
 * The `customers` item pk=customerId, sk='profile'. A customer known only from an unsubscribe has
 * no email yet. `z.lazy`: built on the first read, not when a function that never reads it starts.
 */
export const customerProfileSchema = z.lazy(() =>
  z.object({
    customerId: z.string(),
    email: z.string().optional(),
    locale: z.string().optional(),
    timeZone: z.string().optional(),
    consent: storedConsentSchema().optional(),
    firstName: z.string().optional(),
    country: z.string().optional(),
    tier: z.string().optional(),
    unsubscribedCampaigns: z
      .union([z.set(z.string()), z.array(z.string())])
      .optional()
      .transform((campaigns) => [...(campaigns ?? [])].sort()),
    updatedAt: instant,
  }),
);
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

export type ProfileFields = Pick<CustomerUpserted, 'customerId' | 'email' | 'locale' | 'timeZone'> &
  Partial<Pick<CustomerUpserted, 'firstName' | 'country' | 'tier'>>;

export const profileFieldsOf = (upserted: CustomerUpserted): ProfileFields => {
  const { consent: _consent, ...fields } = upserted;
  return fields;
};

export const storedConsent = (consent: Consent): StoredConsent => ({
  ...consent,
  updatedAtMs: Date.parse(consent.updatedAt),
});

export const withdrawnByUnsubscribe = (at: string): StoredConsent =>
  storedConsent({ email: 'withdrawn', updatedAt: at, source: 'unsubscribe' });

/**
 * Only a newer consent replaces the stored one, so a late event never rolls consent back.
 * On a tie a withdrawal wins: when in doubt, do not mail.
 */
export const consentReplaces = (stored: StoredConsent | undefined, incoming: StoredConsent): boolean =>
  stored === undefined ||
  stored.updatedAtMs < incoming.updatedAtMs ||
  (stored.updatedAtMs === incoming.updatedAtMs && incoming.email === 'withdrawn');

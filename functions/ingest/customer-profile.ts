import { instant } from '../events/primitives.js';
import { type Consent, type CustomerUpserted, consentSchema } from '../events/shop-events.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

export const PROFILE_SK = 'profile';

/** Consent as stored: `updatedAtMs` orders consents whatever offset their ISO instants carry. */
export const storedConsentSchema = lazy(() =>
  z.extend(consentSchema.def.getter(), { updatedAtMs: z.number().check(z.int()) }),
);
export type StoredConsent = z.infer<ReturnType<typeof storedConsentSchema>>;

/**
 * The `customers` item pk=customerId, sk='profile'. A customer known only from an unsubscribe has
 * no email yet. `z.lazy`: built on the first read, not when a function that never reads it starts.
 */
export const customerProfileSchema = z.lazy(() =>
  z.object({
    customerId: z.string(),
    email: z.optional(z.string()),
    locale: z.optional(z.string()),
    timeZone: z.optional(z.string()),
    consent: z.optional(storedConsentSchema()),
    firstName: z.optional(z.string()),
    country: z.optional(z.string()),
    tier: z.optional(z.string()),
    unsubscribedCampaigns: z.pipe(
      z.optional(z.union([z.set(z.string()), z.array(z.string())])),
      z.transform((campaigns) => [...(campaigns ?? [])].sort()),
    ),
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

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { isConditionFailure } from '../store/dynamo.js';
import { PROFILE_SK, type ProfileFields, type StoredConsent } from './customer-profile.js';

export interface CustomerStore {
  /** Writes the profile fields, and the consent only if it is newer than the stored one. */
  upsertProfile(
    fields: ProfileFields,
    consent: StoredConsent,
    now: Date,
  ): Promise<{ consentApplied: boolean }>;
  /** Replaces the consent only if it is newer; creates a bare profile for an unknown customer. */
  setConsent(customerId: string, consent: StoredConsent, now: Date): Promise<{ consentApplied: boolean }>;
  addUnsubscribedCampaign(customerId: string, campaignId: string, now: Date): Promise<void>;
}

/** Mirrors `consentReplaces`, as a condition so two writers cannot both win. */
const newerConsentCondition = (consent: StoredConsent): string =>
  `attribute_not_exists(consent) OR consent.updatedAtMs ${consent.email === 'withdrawn' ? '<=' : '<'} :consentMs`;

const setClause = (values: Record<string, unknown>) => {
  const entries = Object.entries(values).filter(([, value]) => value !== undefined);
  return {
    expression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
    values: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
  };
};

export const createCustomerStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): CustomerStore => {
  const update = async (
    customerId: string,
    values: Record<string, unknown>,
    condition?: { expression: string; values: Record<string, unknown> },
  ): Promise<boolean> => {
    const set = setClause({ customerId, ...values });
    try {
      await db.send(
        new UpdateCommand({
          TableName: tables.customers,
          Key: { pk: customerId, sk: PROFILE_SK },
          UpdateExpression: set.expression,
          ConditionExpression: condition?.expression,
          ExpressionAttributeNames: set.names,
          ExpressionAttributeValues: { ...set.values, ...condition?.values },
        }),
      );
      return true;
    } catch (error) {
      if (condition && isConditionFailure(error)) return false;
      throw error;
    }
  };

  const consentCondition = (consent: StoredConsent) => ({
    expression: newerConsentCondition(consent),
    values: { ':consentMs': consent.updatedAtMs },
  });

  return {
    async upsertProfile(fields, consent, now) {
      const updatedAt = now.toISOString();
      const applied = await update(
        fields.customerId,
        { ...fields, consent, updatedAt },
        consentCondition(consent),
      );
      if (!applied) await update(fields.customerId, { ...fields, updatedAt });
      return { consentApplied: applied };
    },
    async setConsent(customerId, consent, now) {
      const applied = await update(
        customerId,
        { consent, updatedAt: now.toISOString() },
        consentCondition(consent),
      );
      return { consentApplied: applied };
    },
    async addUnsubscribedCampaign(customerId, campaignId, now) {
      await db.send(
        new UpdateCommand({
          TableName: tables.customers,
          Key: { pk: customerId, sk: PROFILE_SK },
          UpdateExpression:
            'SET customerId = :customerId, updatedAt = :updatedAt ADD unsubscribedCampaigns :campaign',
          ExpressionAttributeValues: {
            ':customerId': customerId,
            ':updatedAt': now.toISOString(),
            ':campaign': new Set([campaignId]),
          },
        }),
      );
    },
  };
};

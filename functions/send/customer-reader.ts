import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { type CustomerProfile, customerProfileSchema, PROFILE_SK } from '../ingest/customer-profile.js';
import type { Deps } from '../shared/deps.js';

/** The customers item pk=customerId, sk='suppression', written by functions/deliverability. */
export const SUPPRESSION_SK = 'suppression';

export interface CustomerFacts {
  profile?: CustomerProfile;
  suppressed: boolean;
}

export interface CustomerReader {
  read(customerId: string): Promise<CustomerFacts>;
}

export const createCustomerReader = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): CustomerReader => ({
  async read(customerId) {
    const result = await db.send(
      new BatchGetCommand({
        RequestItems: {
          [tables.customers]: {
            Keys: [
              { pk: customerId, sk: PROFILE_SK },
              { pk: customerId, sk: SUPPRESSION_SK },
            ],
            ConsistentRead: true,
          },
        },
      }),
    );
    if (Object.keys(result.UnprocessedKeys ?? {}).length > 0) {
      throw new Error(`customers read of ${customerId} was throttled; retry`);
    }
    const items = result.Responses?.[tables.customers] ?? [];
    const profileItem = items.find((item) => item.sk === PROFILE_SK);
    const parsed = profileItem ? customerProfileSchema.safeParse(profileItem) : undefined;
    return {
      profile: parsed?.success ? parsed.data : undefined,
      suppressed: items.some((item) => item.sk === SUPPRESSION_SK),
    };
  },
});

import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { isConditionFailure } from '../store/dynamo.js';
import { entrySortKey, type WinBackEntry, winBackEntrySchema } from './entry.js';

export interface EntryStore {
  /** The customer's latest entry per win-back campaign, by campaign id. */
  latest(customerId: string): Promise<Record<string, WinBackEntry>>;
  /**
   * Records the entry only if the campaign's entry item is still what `seen` says (absent, or that
   * entryId), so two runs racing for one customer cannot both start a journey. False if it lost.
   */
  record(entry: WinBackEntry, seen: Pick<WinBackEntry, 'entryId'> | undefined): Promise<boolean>;
}

export const createEntryStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): EntryStore => ({
  async latest(customerId) {
    const result = await db.send(
      new QueryCommand({
        TableName: tables.customers,
        KeyConditionExpression: 'pk = :customer AND begins_with(sk, :winback)',
        ExpressionAttributeValues: { ':customer': customerId, ':winback': 'winback#' },
        ConsistentRead: true,
      }),
    );
    const entries: Record<string, WinBackEntry> = {};
    for (const item of result.Items ?? []) {
      const parsed = winBackEntrySchema.safeParse(item);
      if (parsed.success) entries[parsed.data.campaignId] = parsed.data;
    }
    return entries;
  },
  async record(entry, seen) {
    try {
      await db.send(
        new PutCommand({
          TableName: tables.customers,
          Item: { pk: entry.customerId, sk: entrySortKey(entry.campaignId), ...entry },
          ConditionExpression: seen ? 'entryId = :seen' : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: seen ? { ':seen': seen.entryId } : undefined,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
});

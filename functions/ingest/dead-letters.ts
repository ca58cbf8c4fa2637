import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';
import { isConditionFailure } from '../store/dynamo.js';

export const DEAD_LETTER_PK = 'deadletter';

export const deadLetterSchema = lazy(() =>
  z.object({
    event: z.unknown(),
    reason: z.string(),
    /** The function id that rejected it, or `router` when no function took it. */
    function: z.string(),
    at: z.string(),
  }),
);
export type DeadLetter = z.infer<ReturnType<typeof deadLetterSchema>>;

export interface DeadLetterStore {
  record(deadLetter: DeadLetter): Promise<void>;
  /** Newest first. */
  list(options?: { limit?: number }): Promise<DeadLetter[]>;
}

const eventIdOf = (event: unknown): string => {
  const id = typeof event === 'object' && event !== null ? (event as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 ? id : 'no-id';
};

export const deadLetterKey = (deadLetter: DeadLetter): { pk: string; sk: string } => ({
  pk: DEAD_LETTER_PK,
  sk: `${deadLetter.at}#${eventIdOf(deadLetter.event)}#${deadLetter.function}`,
});

/** Dead letters written before events were kept as JSON text hold the event itself. */
const eventOf = (stored: unknown): unknown => {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored);
  } catch {
    return stored;
  }
};

export const createDeadLetterStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): DeadLetterStore => ({
  async record(deadLetter) {
    try {
      await db.send(
        new PutCommand({
          TableName: tables.control,
          // The event is kept as JSON text: DynamoDB refuses some JSON a shop may send (empty keys).
          Item: { ...deadLetterKey(deadLetter), ...deadLetter, event: JSON.stringify(deadLetter.event) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  },
  async list({ limit = 100 } = {}) {
    const found: DeadLetter[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tables.control,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': DEAD_LETTER_PK },
          ScanIndexForward: false,
          Limit: limit - found.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? [])
        found.push(deadLetterSchema().parse({ ...item, event: eventOf(item.event) }));
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found;
  },
});

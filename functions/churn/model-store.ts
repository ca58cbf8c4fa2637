import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import * as z from '../shared/zod.js';
import { isConditionFailure } from '../store/dynamo.js';
import { type ScoringModel, scoringModelSchema } from './scoring-model.js';

export const MODEL_PK = 'churn-model';
const VERSION_DIGITS = 6;

/** `v#000012`: zero-padded so the newest version sorts last. */
export const modelVersionSortKey = (version: number): string =>
  `v#${String(version).padStart(VERSION_DIGITS, '0')}`;

/** The control item pk='churn-model', sk='v#<n>': one fitted model, never changed once written. */
export const storedModelSchema = z.lazy(() =>
  z.object({
    version: z.int().check(z.positive()),
    fittedAt: z.string(),
    method: z.enum(['bgnbd', 'heuristic']),
    /** Why this version was fitted (no model yet, the last one too old). */
    reason: z.string(),
    model: scoringModelSchema,
  }),
);
export type StoredModel = z.infer<typeof storedModelSchema>;

export interface ModelStore {
  latest(): Promise<StoredModel | undefined>;
  get(version: number): Promise<StoredModel | undefined>;
  /** Stores the model as the next version; if another run stored that version first, returns theirs. */
  saveNext(model: ScoringModel, reason: string): Promise<StoredModel>;
}

export const createModelStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): ModelStore => {
  const latest = async (): Promise<StoredModel | undefined> => {
    const result = await db.send(
      new QueryCommand({
        TableName: tables.control,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': MODEL_PK, ':v': 'v#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = result.Items?.[0];
    return item ? storedModelSchema.parse(item) : undefined;
  };

  return {
    latest,
    async get(version) {
      const result = await db.send(
        new GetCommand({
          TableName: tables.control,
          Key: { pk: MODEL_PK, sk: modelVersionSortKey(version) },
          ConsistentRead: true,
        }),
      );
      return result.Item ? storedModelSchema.parse(result.Item) : undefined;
    },
    async saveNext(model, reason) {
      const version = ((await latest())?.version ?? 0) + 1;
      const stored: StoredModel = { version, fittedAt: model.fittedAt, method: model.method, reason, model };
      try {
        await db.send(
          new PutCommand({
            TableName: tables.control,
            Item: { pk: MODEL_PK, sk: modelVersionSortKey(version), ...stored },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return stored;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const winner = await latest();
        if (!winner) throw error;
        return winner;
      }
    },
  };
};

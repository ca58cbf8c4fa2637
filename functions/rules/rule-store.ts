import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import type { RuleChangeSummary } from './change-summary.js';
import { type RuleSet, ruleSetSchemas } from './schema/index.js';

/** DynamoDB keeps at most 400 KB per item; leave room for the other attributes of a version. */
export const MAX_COMPRESSED_RULE_SET_BYTES = 350_000;

const RULES_PK = 'rules';
const ACTIVE_SK = 'active';
const versionKey = (version: number) => `v#${String(version).padStart(6, '0')}`;

export interface ActivePointer {
  version: number;
  hash: string;
}

/** Everything about a version except its content; what history lists. */
export interface RuleVersionRecord {
  version: number;
  hash: string;
  actor: string;
  publishedAt: string;
  summary: RuleChangeSummary;
  source: 'publish' | 'rollback';
  rolledBackFrom?: number;
  compressedBytes: number;
}

export interface NewRuleVersion extends Omit<RuleVersionRecord, 'compressedBytes'> {
  ruleSet: RuleSet;
}

/** The narrow storage interface the publisher, the cache and the admin API use. */
export interface RuleVersionStore {
  readActive(): Promise<ActivePointer | undefined>;
  getVersion(version: number): Promise<RuleSet>;
  history(limit: number): Promise<RuleVersionRecord[]>;
  /** Writes the version, its audit entry and the active pointer together, or nothing. */
  appendVersion(entry: NewRuleVersion, expectedActive: number | undefined): Promise<void>;
}

export class RuleVersionNotFoundError extends Error {
  override name = 'RuleVersionNotFoundError';
}

export class RuleSetTooLargeError extends Error {
  override name = 'RuleSetTooLargeError';
}

/** Someone else published between our read of the active version and our write. */
export class PublishConflictError extends Error {
  override name = 'PublishConflictError';
}

export const compressRuleSet = (ruleSet: RuleSet): Uint8Array => {
  const compressed = gzipSync(JSON.stringify(ruleSet));
  if (compressed.byteLength > MAX_COMPRESSED_RULE_SET_BYTES) {
    const kb = Math.ceil(compressed.byteLength / 1000);
    throw new RuleSetTooLargeError(
      `The rule set is ${kb} KB even compressed; one version may be at most ${MAX_COMPRESSED_RULE_SET_BYTES / 1000} KB. Shorten or remove templates, or remove unused ones.`,
    );
  }
  return compressed;
};

/** `jitless`: a container parses each version once, so compiling zod's fast parsers would not pay. */
export const decompressRuleSet = (content: Uint8Array): RuleSet =>
  ruleSetSchemas().ruleSet.parse(JSON.parse(gunzipSync(content).toString('utf8')), { jitless: true });

const recordOf = (item: Record<string, unknown>): RuleVersionRecord => ({
  version: item.version as number,
  hash: item.hash as string,
  actor: item.actor as string,
  publishedAt: item.publishedAt as string,
  summary: item.summary as RuleChangeSummary,
  source: item.source as RuleVersionRecord['source'],
  ...(item.rolledBackFrom === undefined ? {} : { rolledBackFrom: item.rolledBackFrom as number }),
  compressedBytes: item.compressedBytes as number,
});

/**
 * Rule versions in the control table: pk "rules", sk "v#000042" (immutable, written once), an
 * "active" pointer moved only from the version the writer last saw, and an audit entry under
 * pk "audit". One transaction writes all three, so two concurrent publishes cannot both win.
 */
export const createDynamoRuleStore = ({
  db,
  tableName,
}: {
  db: DynamoDBDocumentClient;
  tableName: string;
}) => {
  const store: RuleVersionStore = {
    async readActive() {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: { pk: RULES_PK, sk: ACTIVE_SK }, ConsistentRead: true }),
      );
      return Item ? { version: Item.version as number, hash: Item.hash as string } : undefined;
    },

    async getVersion(version) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: { pk: RULES_PK, sk: versionKey(version) } }),
      );
      if (!Item) throw new RuleVersionNotFoundError(`There is no rule-set version ${version}`);
      return decompressRuleSet(Item.content as Uint8Array);
    },

    async history(limit) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': RULES_PK, ':prefix': 'v#' },
          ProjectionExpression:
            'version, #hash, actor, publishedAt, summary, #source, rolledBackFrom, compressedBytes',
          ExpressionAttributeNames: { '#hash': 'hash', '#source': 'source' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map(recordOf);
    },

    async appendVersion({ ruleSet, ...record }, expectedActive) {
      const content = compressRuleSet(ruleSet);
      const sk = versionKey(record.version);
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { pk: RULES_PK, sk, ...record, compressedBytes: content.byteLength, content },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: RULES_PK,
                    sk: ACTIVE_SK,
                    version: record.version,
                    hash: record.hash,
                    updatedAt: record.publishedAt,
                  },
                  ...(expectedActive === undefined
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : {
                        ConditionExpression: 'version = :expected',
                        ExpressionAttributeValues: { ':expected': expectedActive },
                      }),
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: 'audit',
                    sk: `${record.publishedAt}#rules#${sk}`,
                    type: 'rules.published',
                    at: record.publishedAt,
                    ...record,
                  },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new PublishConflictError(
            `Someone else published rules while this publish was running (expected active version ${expectedActive ?? 'none'}); check "nudge rules history" and publish again`,
            { cause: error },
          );
        }
        throw error;
      }
    },
  };
  return store;
};

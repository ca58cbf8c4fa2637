import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import type { TableNames } from '../store/tables.js';

/**
 * Lifetime lift counters of a campaign, counting customers, not orders. Each customer is claimed
 * once per campaign (control table, pk `lift#<campaignId>#<customerId>`): sk `entered` holds their
 * group, `converted` their first attributed order, `order#<orderId>` each order whose revenue was
 * added. A claim and its counter move in one transaction, so a redelivery or a crash between them
 * can neither count twice nor lose a count. The counters live at pk `metrics#campaign:<id>`, split
 * over LIFETIME_SHARDS items (sk `lifetime#<n>`, n from the customer id) that a read adds up: every
 * cart writes them up to three times, and one item takes about 1,000 writes a second on AWS.
 */
export type LiftGroup = 'treatment' | 'holdout';

export interface LiftCounters {
  treatmentCustomers: number;
  holdoutCustomers: number;
  treatmentConverters: number;
  holdoutConverters: number;
  /** Attributed orders of the group's customers, minor units. */
  treatmentRevenue: number;
  holdoutRevenue: number;
}

export interface LiftCounterDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'control'>;
}

export const LIFETIME_SHARDS = 8;

const markerPk = (campaignId: string, customerId: string) => `lift#${campaignId}#${customerId}`;
const lifetimePk = (campaignId: string) => `metrics#campaign:${campaignId}`;
const lifetimeKey = (campaignId: string, customerId: string) => ({
  pk: lifetimePk(campaignId),
  sk: `lifetime#${createHash('sha256').update(customerId).digest()[0]! % LIFETIME_SHARDS}`,
});

/** Puts the marker if it is new and adds to the lifetime counters; false when it was claimed before. */
const claimAndAdd = async (
  deps: LiftCounterDeps,
  { campaignId, customerId }: { campaignId: string; customerId: string },
  marker: Record<string, unknown> & { sk: string },
  counters: Partial<LiftCounters>,
): Promise<boolean> => {
  const entries = Object.entries(counters).filter(([, value]) => value !== 0);
  try {
    await deps.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.tables.control,
              Item: { ...marker, pk: markerPk(campaignId, customerId) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(entries.length === 0
            ? []
            : [
                {
                  Update: {
                    TableName: deps.tables.control,
                    Key: lifetimeKey(campaignId, customerId),
                    UpdateExpression: `ADD ${entries.map((_, index) => `#n${index} :v${index}`).join(', ')}`,
                    ExpressionAttributeNames: Object.fromEntries(
                      entries.map(([name], index) => [`#n${index}`, name]),
                    ),
                    ExpressionAttributeValues: Object.fromEntries(
                      entries.map(([, value], index) => [`:v${index}`, value]),
                    ),
                  },
                },
              ]),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** Counts the customer once in the campaign's group, the first time they are put in it. */
export const claimLiftEntry = (
  deps: LiftCounterDeps,
  entry: { campaignId: string; customerId: string; group: LiftGroup; day: string },
): Promise<boolean> =>
  claimAndAdd(
    deps,
    entry,
    { sk: 'entered', group: entry.group, day: entry.day },
    entry.group === 'treatment' ? { treatmentCustomers: 1 } : { holdoutCustomers: 1 },
  );

/**
 * Adds an attributed order to the group the customer entered: its revenue once per order, and the
 * customer as a converter once per campaign. Orders of customers who never entered count nowhere,
 * so converters never outnumber customers. Returns the group, or undefined when not entered.
 */
export const claimLiftConversion = async (
  deps: LiftCounterDeps,
  order: { campaignId: string; customerId: string; orderId: string; total: number },
): Promise<LiftGroup | undefined> => {
  const entered = await deps.db.send(
    new GetCommand({
      TableName: deps.tables.control,
      Key: { pk: markerPk(order.campaignId, order.customerId), sk: 'entered' },
      ConsistentRead: true,
    }),
  );
  const group = entered.Item?.group as LiftGroup | undefined;
  if (!group) return undefined;
  await claimAndAdd(
    deps,
    order,
    { sk: `order#${order.orderId}`, customerId: order.customerId },
    group === 'treatment' ? { treatmentRevenue: order.total } : { holdoutRevenue: order.total },
  );
  await claimAndAdd(
    deps,
    order,
    { sk: 'converted', orderId: order.orderId },
    group === 'treatment' ? { treatmentConverters: 1 } : { holdoutConverters: 1 },
  );
  return group;
};

export const readLiftCounters = async (deps: LiftCounterDeps, campaignId: string): Promise<LiftCounters> => {
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.tables.control,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lifetime)',
      ExpressionAttributeValues: { ':pk': lifetimePk(campaignId), ':lifetime': 'lifetime#' },
    }),
  );
  const read = (name: keyof LiftCounters) =>
    Items.reduce((sum, item) => sum + (typeof item[name] === 'number' ? (item[name] as number) : 0), 0);
  return {
    treatmentCustomers: read('treatmentCustomers'),
    holdoutCustomers: read('holdoutCustomers'),
    treatmentConverters: read('treatmentConverters'),
    holdoutConverters: read('holdoutConverters'),
    treatmentRevenue: read('treatmentRevenue'),
    holdoutRevenue: read('holdoutRevenue'),
  };
};

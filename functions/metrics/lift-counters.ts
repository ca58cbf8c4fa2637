import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../store/dynamo.js';
import type { TableNames } from '../store/tables.js';

/**
 * Lifetime lift counters of a campaign, counting customers, not orders. Each customer is claimed
 * once per campaign (control table, pk `lift#<campaignId>`): `entered#<customerId>` holds their
 * group, `converted#<customerId>` their first attributed order, `order#<orderId>` each order whose
 * revenue was added. A claim and its counter move in one transaction, so a redelivery or a crash
 * between them can neither count twice nor lose a count. The counters live at pk
 * `metrics#campaign:<id>`, sk `lifetime`, outside the daily `day#` range.
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

const markerPk = (campaignId: string) => `lift#${campaignId}`;
const lifetimeKey = (campaignId: string) => ({ pk: `metrics#campaign:${campaignId}`, sk: 'lifetime' });

/** Puts the marker if it is new and adds to the lifetime counters; false when it was claimed before. */
const claimAndAdd = async (
  deps: LiftCounterDeps,
  campaignId: string,
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
              Item: { ...marker, pk: markerPk(campaignId) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(entries.length === 0
            ? []
            : [
                {
                  Update: {
                    TableName: deps.tables.control,
                    Key: lifetimeKey(campaignId),
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
    entry.campaignId,
    { sk: `entered#${entry.customerId}`, group: entry.group, day: entry.day },
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
      Key: { pk: markerPk(order.campaignId), sk: `entered#${order.customerId}` },
      ConsistentRead: true,
    }),
  );
  const group = entered.Item?.group as LiftGroup | undefined;
  if (!group) return undefined;
  await claimAndAdd(
    deps,
    order.campaignId,
    { sk: `order#${order.orderId}`, customerId: order.customerId },
    group === 'treatment' ? { treatmentRevenue: order.total } : { holdoutRevenue: order.total },
  );
  await claimAndAdd(
    deps,
    order.campaignId,
    { sk: `converted#${order.customerId}`, orderId: order.orderId },
    group === 'treatment' ? { treatmentConverters: 1 } : { holdoutConverters: 1 },
  );
  return group;
};

export const readLiftCounters = async (deps: LiftCounterDeps, campaignId: string): Promise<LiftCounters> => {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.tables.control, Key: lifetimeKey(campaignId) }),
  );
  const read = (name: keyof LiftCounters) => (typeof Item?.[name] === 'number' ? (Item[name] as number) : 0);
  return {
    treatmentCustomers: read('treatmentCustomers'),
    holdoutCustomers: read('holdoutCustomers'),
    treatmentConverters: read('treatmentConverters'),
    holdoutConverters: read('holdoutConverters'),
    treatmentRevenue: read('treatmentRevenue'),
    holdoutRevenue: read('holdoutRevenue'),
  };
};

/**
 * Every DynamoDB table, declared once. The CDK stack and the local runtime both build their
 * tables from this list, so the two never drift apart. All keys are strings named pk and sk;
 * items that should vanish carry epoch seconds in `expiresAt` (the TTL attribute).
 */
export interface TableDefinition {
  id: TableId;
  purpose: string;
  indexes: Array<{ name: string; partitionKey: string; sortKey: string }>;
}

export const tableIds = [
  'customers',
  'carts',
  'orders',
  'messages',
  'coupons',
  'budgets',
  'control',
] as const;
export type TableId = (typeof tableIds)[number];
export type TableNames = Record<TableId, string>;

export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * Sparse: of a customer's items only the purchase-stats item carries both `customerId` and
 * `firstOrderAt`, so the nightly churn scan reads one item per customer, its stored score included.
 */
export const CUSTOMER_STATS_INDEX = 'statsByCustomer';

export const tableDefinitions: TableDefinition[] = [
  {
    id: 'customers',
    purpose: 'profiles, consent, suppression, purchase stats with their churn scores',
    indexes: [{ name: CUSTOMER_STATS_INDEX, partitionKey: 'customerId', sortKey: 'firstOrderAt' }],
  },
  { id: 'carts', purpose: 'latest version of every cart', indexes: [] },
  { id: 'orders', purpose: 'orders, recorded once per orderId', indexes: [] },
  {
    id: 'messages',
    purpose: 'send claims, message log, frequency-cap and attribution history per customer',
    indexes: [{ name: 'byCampaign', partitionKey: 'campaignId', sortKey: 'sentAt' }],
  },
  {
    id: 'coupons',
    purpose: 'coupon codes and their issue keys',
    indexes: [{ name: 'byCustomer', partitionKey: 'customerId', sortKey: 'campaignId' }],
  },
  { id: 'budgets', purpose: 'budget scope shards and the movements that changed them', indexes: [] },
  {
    id: 'control',
    purpose: 'switches, rule versions, audit log, dead letters, counters, secrets',
    indexes: [],
  },
];

export const tableEnvVar = (id: TableId): string => `TABLE_${id.toUpperCase()}`;

export const localTableNames = (prefix = 'nudge-local'): TableNames =>
  Object.fromEntries(tableIds.map((id) => [id, `${prefix}-${id}`])) as TableNames;

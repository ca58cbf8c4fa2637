import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../store/tables.js';
import { claimLiftEntry, type LiftGroup } from './lift-counters.js';

/**
 * Per-campaign daily counters in the control table (pk `metrics#campaign:<id>`, sk
 * `day#YYYY-MM-DD#<n>`, day in settings.timeZone, n one of DAY_SHARDS items a read adds up, so a
 * flash sale's writes spread over several partitions' worth of items). Increments are not idempotent by themselves: call after claiming the
 * business key of what is counted (the send, the order), so a redelivery does not count twice.
 */
export const campaignMetricNames = [
  'sent',
  /** Customers who entered the campaign and were eligible to get it. */
  'treatmentEntered',
  'holdoutEntered',
  /** Orders attributed to the campaign, and their revenue in minor units. */
  'conversions',
  'revenue',
  /** Orders by held-out customers within the attribution window, and their revenue. */
  'holdoutConversions',
  'holdoutRevenue',
  'couponsIssued',
  'couponsRedeemed',
  'couponDiscount',
] as const;
export type CampaignMetricName = (typeof campaignMetricNames)[number];

export type CampaignMetricDeltas = Partial<Record<CampaignMetricName, number>> & {
  /** Skips by reason, e.g. { quiet_hours: 1 }. */
  skipped?: Record<string, number>;
  /** The customer who entered with these deltas; claimed once per campaign for the lifetime lift counters. */
  entered?: { customerId: string; group: LiftGroup };
};

export type CampaignMetrics = Record<CampaignMetricName, number> & { skipped: Record<string, number> };

export const channelMetricNames = ['sent', 'bounces', 'complaints', 'deliveries'] as const;
export type ChannelMetricName = (typeof channelMetricNames)[number];

interface MetricsDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'control'>;
}

const SKIPPED_PREFIX = 'skipped:';
const metricsPk = (subject: string) => `metrics#${subject}`;
/** Every cart updates its campaign's and its channel's day several times; one item takes ~1,000 writes/s. */
export const DAY_SHARDS = 8;
const daySk = (day: string) => `day#${day}`;
const dayShardSk = (day: string) => `${daySk(day)}#${Math.floor(Math.random() * DAY_SHARDS)}`;
/** The day of `day#YYYY-MM-DD` and of its shards `day#YYYY-MM-DD#<n>`. */
const dayOfSk = (sk: string) => sk.slice(0, daySk('YYYY-MM-DD').length);

const add = async (deps: MetricsDeps, subject: string, day: string, counters: Record<string, number>) => {
  const entries = Object.entries(counters).filter(([, value]) => value !== 0);
  if (entries.length === 0) return;
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tables.control,
      Key: { pk: metricsPk(subject), sk: dayShardSk(day) },
      UpdateExpression: `ADD ${entries.map((_, index) => `#n${index} :v${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#n${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:v${index}`, value])),
    }),
  );
};

const sumDays = async (
  deps: MetricsDeps,
  subject: string,
  days: string[],
): Promise<Record<string, number>> => {
  const sorted = [...days].sort();
  if (sorted.length === 0) return {};
  const wanted = new Set(sorted.map(daySk));
  const totals: Record<string, number> = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new QueryCommand({
        TableName: deps.tables.control,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': metricsPk(subject),
          ':from': daySk(sorted[0]!),
          // '~' sorts after the shard suffixes of the last day.
          ':to': `${daySk(sorted.at(-1)!)}~`,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (!wanted.has(dayOfSk(item.sk as string))) continue;
      for (const [name, value] of Object.entries(item)) {
        if (name === 'pk' || name === 'sk' || typeof value !== 'number') continue;
        totals[name] = (totals[name] ?? 0) + value;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return totals;
};

export const incrementCampaignMetrics = async (
  db: DynamoDBDocumentClient,
  tables: Pick<TableNames, 'control'>,
  campaignId: string,
  day: string,
  deltas: CampaignMetricDeltas,
): Promise<void> => {
  const { skipped = {}, entered, ...counters } = deltas;
  if (entered) await claimLiftEntry({ db, tables }, { campaignId, day, ...entered });
  const flat: Record<string, number> = { ...(counters as Record<string, number>) };
  for (const [reason, value] of Object.entries(skipped)) flat[`${SKIPPED_PREFIX}${reason}`] = value;
  await add({ db, tables }, `campaign:${campaignId}`, day, flat);
};

/** The campaign's counters summed over `days` (YYYY-MM-DD). */
export const readCampaignMetrics = async (
  db: DynamoDBDocumentClient,
  tables: Pick<TableNames, 'control'>,
  campaignId: string,
  days: string[],
): Promise<CampaignMetrics> => {
  const totals = await sumDays({ db, tables }, `campaign:${campaignId}`, days);
  const counters = Object.fromEntries(campaignMetricNames.map((name) => [name, totals[name] ?? 0])) as Record<
    CampaignMetricName,
    number
  >;
  const skipped = Object.fromEntries(
    Object.entries(totals)
      .filter(([name]) => name.startsWith(SKIPPED_PREFIX))
      .map(([name, value]) => [name.slice(SKIPPED_PREFIX.length), value]),
  );
  return { ...counters, skipped };
};

/** Sends, bounces and complaints of a channel per day: the reputation breaker reads them. */
export const incrementChannelMetrics = async (
  db: DynamoDBDocumentClient,
  tables: Pick<TableNames, 'control'>,
  channel: 'email',
  day: string,
  deltas: Partial<Record<ChannelMetricName, number>>,
): Promise<void> => add({ db, tables }, `channel:${channel}`, day, deltas as Record<string, number>);

export const readChannelMetrics = async (
  db: DynamoDBDocumentClient,
  tables: Pick<TableNames, 'control'>,
  channel: 'email',
  days: string[],
): Promise<Record<ChannelMetricName, number>> => {
  const totals = await sumDays({ db, tables }, `channel:${channel}`, days);
  return Object.fromEntries(channelMetricNames.map((name) => [name, totals[name] ?? 0])) as Record<
    ChannelMetricName,
    number
  >;
};

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  incrementCampaignMetrics,
  readCampaignMetrics,
} from '../../../functions/metrics/campaign-metrics.js';
import { campaignOverviews } from '../../../functions/metrics/campaign-overview.js';
import {
  claimLiftConversion,
  LIFETIME_SHARDS,
  readLiftCounters,
} from '../../../functions/metrics/lift-counters.js';
import { campaignSchema, ruleSetSchema } from '../../../functions/rules/schema/index.js';
import { freshTables, type TestDynamo } from '../../support/dynamo.js';

const CAMPAIGN = 'cart-recall';
const DAY = '2030-03-04';

let dynamo: TestDynamo;

beforeEach(async () => {
  dynamo = await freshTables();
});

const enter = (customerId: string, group: 'treatment' | 'holdout', day = DAY) =>
  incrementCampaignMetrics(
    dynamo.db,
    dynamo.tables,
    CAMPAIGN,
    day,
    group === 'treatment'
      ? { sent: 1, treatmentEntered: 1, entered: { customerId, group } }
      : { holdoutEntered: 1, entered: { customerId, group } },
  );

const order = (customerId: string, orderId: string, total: number) =>
  claimLiftConversion(dynamo, { campaignId: CAMPAIGN, customerId, orderId, total });

describe('lifetime lift counters', () => {
  it('counts a customer once per campaign when their entry is redelivered or they enter again later', async () => {
    await enter('ann', 'treatment');
    await enter('ann', 'treatment');
    await enter('ann', 'treatment', '2030-03-20');
    await enter('bob', 'holdout');
    await enter('bob', 'holdout');

    const counters = await readLiftCounters(dynamo, CAMPAIGN);
    const daily = await readCampaignMetrics(dynamo.db, dynamo.tables, CAMPAIGN, [DAY]);

    expect(counters).toMatchObject({ treatmentCustomers: 1, holdoutCustomers: 1 });
    expect(daily).toMatchObject({ treatmentEntered: 2, holdoutEntered: 2, sent: 2 });
  });

  it('counts a customer who orders twice as one converter, and each order revenue once', async () => {
    await enter('ann', 'treatment');
    await enter('bob', 'holdout');

    await order('ann', 'order-1', 2500);
    await order('ann', 'order-1', 2500);
    await order('ann', 'order-2', 1000);
    await order('bob', 'order-3', 4000);
    await order('bob', 'order-3', 4000);

    expect(await readLiftCounters(dynamo, CAMPAIGN)).toEqual({
      treatmentCustomers: 1,
      holdoutCustomers: 1,
      treatmentConverters: 1,
      holdoutConverters: 1,
      treatmentRevenue: 3500,
      holdoutRevenue: 4000,
    });
  });

  it('counts no order of a customer who never entered the campaign', async () => {
    const group = await order('cid', 'order-9', 5000);

    expect(group).toBeUndefined();
    expect(await readLiftCounters(dynamo, CAMPAIGN)).toMatchObject({
      treatmentConverters: 0,
      holdoutConverters: 0,
      treatmentRevenue: 0,
    });
  });
});

describe('campaign overview lift', () => {
  it('divides distinct converters by distinct customers, not orders by entries', async () => {
    for (const customer of ['t1', 't2', 't3', 't4']) await enter(customer, 'treatment');
    await enter('t1', 'treatment');
    for (const customer of ['h1', 'h2']) await enter(customer, 'holdout');
    await order('t1', 'o1', 1000);
    await order('t1', 'o2', 1000);
    await order('t1', 'o3', 1000);
    await order('h1', 'o4', 1000);
    const ruleSet = ruleSetSchema.parse({
      settings: {
        sender: { name: 'Shop', email: 'shop@example.com' },
        postalAddress: '1 Main Street, Springfield',
        currency: 'USD',
      },
    });
    const campaign = campaignSchema.parse({
      id: CAMPAIGN,
      name: 'Cart recall',
      type: 'cart_recall',
      enabled: true,
      steps: [{ delay: 'PT4H', template: 'cart-reminder-1' }],
    });

    const [overview] = await campaignOverviews(
      dynamo,
      { settings: ruleSet.settings, campaigns: [campaign] },
      new Date(`${DAY}T12:00:00Z`),
    );

    expect(overview!.metrics).toMatchObject({ treatmentEntered: 5, conversions: 0 });
    expect(overview!.lift.treatment).toMatchObject({ customers: 4, converters: 1, revenue: 3000 });
    expect(overview!.lift.holdout).toMatchObject({ customers: 2, converters: 1, revenue: 1000 });
    expect(overview!.lift.difference).toBeCloseTo(0.25 - 0.5);
  });

  it('spreads the counters of many customers over several items and adds them all up', async () => {
    const customers = Array.from({ length: 40 }, (_, n) => `customer-${n}`);
    for (const customerId of customers) await enter(customerId, 'treatment');
    for (const customerId of customers.slice(0, 10)) await order(customerId, `order-${customerId}`, 100);

    const items = await dynamo.db.send(
      new QueryCommand({
        TableName: dynamo.tables.control,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lifetime)',
        ExpressionAttributeValues: { ':pk': `metrics#campaign:${CAMPAIGN}`, ':lifetime': 'lifetime#' },
      }),
    );

    expect(items.Items!.length).toBeGreaterThan(1);
    expect(items.Items!.length).toBeLessThanOrEqual(LIFETIME_SHARDS);
    expect(await readLiftCounters(dynamo, CAMPAIGN)).toMatchObject({
      treatmentCustomers: 40,
      treatmentConverters: 10,
      treatmentRevenue: 1000,
    });
  });
});

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  DAY_SHARDS,
  incrementCampaignMetrics,
  incrementChannelMetrics,
  readCampaignMetrics,
  readChannelMetrics,
} from '../../../functions/metrics/campaign-metrics.js';
import { freshTables } from '../../support/dynamo.js';

describe('daily counters', () => {
  it('spread one busy day over several items and add up exactly the days asked for', async () => {
    const dynamo = await freshTables();
    const count = (day: string) =>
      incrementCampaignMetrics(dynamo.db, dynamo.tables, 'cart-recall', day, {
        sent: 1,
        skipped: { quiet_hours: 1 },
      });
    for (let n = 0; n < 60; n += 1) await count('2030-03-05');
    await count('2030-03-04');
    await count('2030-03-06');
    for (let n = 0; n < 5; n += 1) {
      await incrementChannelMetrics(dynamo.db, dynamo.tables, 'email', '2030-03-05', { deliveries: 1 });
    }

    const items = await dynamo.db.send(
      new QueryCommand({
        TableName: dynamo.tables.control,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
        ExpressionAttributeValues: { ':pk': 'metrics#campaign:cart-recall', ':day': 'day#2030-03-05' },
      }),
    );

    expect(items.Items!.length).toBeGreaterThan(1);
    expect(items.Items!.length).toBeLessThanOrEqual(DAY_SHARDS);
    expect(await readCampaignMetrics(dynamo.db, dynamo.tables, 'cart-recall', ['2030-03-05'])).toMatchObject({
      sent: 60,
      skipped: { quiet_hours: 60 },
    });
    expect(
      await readCampaignMetrics(dynamo.db, dynamo.tables, 'cart-recall', ['2030-03-04', '2030-03-05']),
    ).toMatchObject({ sent: 61 });
    expect(await readChannelMetrics(dynamo.db, dynamo.tables, 'email', ['2030-03-05'])).toMatchObject({
      deliveries: 5,
    });
  });
});

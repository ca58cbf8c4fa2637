import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { readLiftCounters } from '../../../functions/metrics/lift-counters.js';
import { holdoutBucket } from '../../../functions/send/holdout.js';
import { runCampaignStep } from '../../../functions/send/run-step.js';
import { stepMetricsFrom } from '../../../functions/send/step-adapters.js';
import { freshTables } from '../../support/dynamo.js';
import { exampleRuleSet, jobFor, seedCustomer, stepDeps } from './step-fixture.js';

const treatedCustomer = (seed: string) =>
  Array.from({ length: 50 }, (_, n) => `${seed}-${n}`).find(
    (id) => holdoutBucket(id, 'cart-recall') >= 1000,
  )!;

class SendOutcomeUnknownError extends Error {
  override name = 'SendOutcomeUnknownError';
}

describe('send-once claim (DynamoDB Local)', () => {
  it('sends one email when the same step is delivered 20 times at once', async () => {
    const dynamo = await freshTables();
    const customerId = treatedCustomer('concurrent');
    await seedCustomer(dynamo, customerId);
    const { deps, sent } = stepDeps(dynamo, await exampleRuleSet(), async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => runCampaignStep(deps, jobFor(customerId))),
    );

    expect(sent).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'sent')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'duplicate')).toHaveLength(19);
  });

  it('records a lost SES answer as unknown and does not send again on redelivery', async () => {
    const dynamo = await freshTables();
    const customerId = treatedCustomer('unknown');
    await seedCustomer(dynamo, customerId);
    let attempts = 0;
    const { deps, sent } = stepDeps(dynamo, await exampleRuleSet(), async () => {
      attempts += 1;
      if (attempts === 1) throw new SendOutcomeUnknownError('socket hang up after the request left');
    });

    const first = await runCampaignStep(deps, jobFor(customerId));
    const redelivered = await runCampaignStep(deps, jobFor(customerId));

    expect(first).toEqual({ kind: 'unknown' });
    expect(redelivered).toEqual({ kind: 'duplicate' });
    expect(attempts).toBe(1);
    expect(sent).toHaveLength(0);
    const claim = await dynamo.db.send(
      new GetCommand({
        TableName: dynamo.tables.messages,
        Key: { pk: customerId, sk: 'claim#cart-recall#cart-1#2030-03-05T11:00:00.000Z#1' },
      }),
    );
    expect(claim.Item).toMatchObject({
      state: 'unknown',
      campaignId: 'cart-recall',
      sentAt: '2030-03-05T15:00:00.000Z',
    });
  });

  it('gives the claim back when SES did not take the message, so the retry sends it', async () => {
    const dynamo = await freshTables();
    const customerId = treatedCustomer('retry');
    await seedCustomer(dynamo, customerId);
    let attempts = 0;
    const { deps, sent } = stepDeps(dynamo, await exampleRuleSet(), async () => {
      attempts += 1;
      if (attempts === 1) throw Object.assign(new Error('throttled'), { name: 'SendRetryableError' });
    });

    await expect(runCampaignStep(deps, jobFor(customerId))).rejects.toThrow('throttled');
    const retried = await runCampaignStep(deps, jobFor(customerId));

    expect(retried).toEqual({ kind: 'sent' });
    expect(sent).toHaveLength(1);
  });

  it('counts a step that was decided once only, however often it is redelivered', async () => {
    const dynamo = await freshTables();
    const customerId = treatedCustomer('redelivered');
    await seedCustomer(dynamo, customerId);
    const { deps, sent, published } = stepDeps(dynamo, await exampleRuleSet(), async () => {});

    for (let delivery = 0; delivery < 3; delivery += 1) await runCampaignStep(deps, jobFor(customerId));

    expect(sent).toHaveLength(1);
    expect(published).toHaveLength(1);
  });

  it('counts the customer into the lift once when the step died after sending but before counting', async () => {
    const dynamo = await freshTables();
    const customerId = treatedCustomer('uncounted');
    await seedCustomer(dynamo, customerId);
    const { deps, sent } = stepDeps(dynamo, await exampleRuleSet(), async () => {});
    const metrics = stepMetricsFrom(dynamo);
    let counts = 0;
    deps.metrics = {
      count: async (request) => {
        counts += 1;
        if (counts === 1) throw new Error('function timed out before counting');
        await metrics.count(request);
      },
    };

    await expect(runCampaignStep(deps, jobFor(customerId))).rejects.toThrow('timed out');
    const redelivered = await runCampaignStep(deps, jobFor(customerId));
    await runCampaignStep(deps, jobFor(customerId));

    expect(redelivered).toEqual({ kind: 'duplicate' });
    expect(sent).toHaveLength(1);
    expect(await readLiftCounters(dynamo, 'cart-recall')).toMatchObject({ treatmentCustomers: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { awsDeps } from '../../../functions/adapters/aws/aws-deps.js';
import { PortNotGrantedError } from '../../../functions/adapters/aws/not-granted.js';
import type { Bus } from '../../../functions/ports/bus.js';
import { tableIds } from '../../../functions/store/tables.js';

const environment = {
  TABLE_CUSTOMERS: 'nudge-dev-customers',
  TABLE_CARTS: 'nudge-dev-carts',
  TABLE_ORDERS: 'nudge-dev-orders',
  TABLE_MESSAGES: 'nudge-dev-messages',
  TABLE_COUPONS: 'nudge-dev-coupons',
  TABLE_BUDGETS: 'nudge-dev-budgets',
  TABLE_CONTROL: 'nudge-dev-control',
  EVENT_BUS_NAME: 'nudge-dev',
  SES_CONFIGURATION_SET: 'nudge-dev',
  SCHEDULE_GROUP_NAME: 'nudge-dev',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/scheduler',
  SCHEDULE_DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111122223333:schedule-failures',
  CAMPAIGN_STEP_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:111122223333:function:nudge-dev-campaign-step',
  COUPON_EXPIRY_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:111122223333:function:nudge-dev-coupon-expiry',
  CHURN_WORKER_FUNCTION_NAME: 'nudge-dev-churn-worker',
  UNSUBSCRIBE_URL: 'https://abc123.execute-api.eu-west-1.amazonaws.com/unsubscribe',
  UNSUBSCRIBE_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:unsubscribe-AbCdEf',
  AWS_REGION: 'eu-west-1',
};

describe('AWS dependencies', () => {
  it('builds the deps from the environment the stack sets', () => {
    const deps = awsDeps(environment);

    expect(deps.tables).toEqual(Object.fromEntries(tableIds.map((id) => [id, `nudge-dev-${id}`])));
    expect(deps.unsubscribeUrl).toBe(environment.UNSUBSCRIBE_URL);
    expect(deps.clock.now()).toBeInstanceOf(Date);
  });

  it('fails at cold start naming every missing variable', () => {
    const { TABLE_BUDGETS: _budgets, SCHEDULER_ROLE_ARN: _role, ...incomplete } = environment;

    expect(() => awsDeps(incomplete)).toThrow(
      /TABLE_BUDGETS.*SCHEDULER_ROLE_ARN|SCHEDULER_ROLE_ARN.*TABLE_BUDGETS/,
    );
  });

  it('refuses an unsubscribe URL that is not a URL', () => {
    expect(() => awsDeps({ ...environment, UNSUBSCRIBE_URL: 'unsubscribe' })).toThrow(/UNSUBSCRIBE_URL/);
  });

  it('hands each port the adapter its entry gives, built from the same environment', () => {
    const published: string[] = [];
    const bus: Bus = { publish: async () => {} };

    const deps = awsDeps(environment, {
      bus: (config) => {
        published.push(config.EVENT_BUS_NAME);
        return bus;
      },
    });

    expect(deps.bus).toBe(bus);
    expect(published).toEqual(['nudge-dev']);
  });

  it('refuses to use a port its entry was not given, so a missing grant fails loudly', async () => {
    const deps = awsDeps(environment);

    await expect(deps.bus.publish([])).rejects.toThrow(PortNotGrantedError);
    await expect(deps.scheduler.cancel('recall-c-42')).rejects.toThrow(/scheduler adapter/);
    await expect(
      deps.mailer.send({
        messageId: 'msg-1',
        campaignId: 'cart-recall',
        customerId: 'c-42',
        step: 1,
        to: 'ada@example.com',
        from: 'news@shop.example',
        subject: 'Your cart',
        raw: '',
      }),
    ).rejects.toThrow(/mailer adapter/);
  });
});

import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgeBus, PublishFailedError } from '../../../functions/adapters/aws/eventbridge-bus.js';
import type { NudgeEvent } from '../../../functions/events/nudge-events.js';

const eventBridge = mockClient(EventBridgeClient);
const bus = () => createEventBridgeBus({ client: new EventBridgeClient({}), eventBusName: 'nudge-dev' });

const couponIssued = (n: number): NudgeEvent => ({
  detailType: 'Coupon Issued',
  detail: { couponId: `coupon-${n}`, campaignId: 'cart-recall', amount: 500 },
});

describe('EventBridge bus adapter', () => {
  beforeEach(() => {
    eventBridge.reset();
  });

  it('publishes each event on the nudge bus with source nudge and its detail as JSON', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });

    await bus().publish([couponIssued(1)]);

    expect(eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input).toEqual({
      Entries: [
        {
          EventBusName: 'nudge-dev',
          Source: 'nudge',
          DetailType: 'Coupon Issued',
          Detail: JSON.stringify({ couponId: 'coupon-1', campaignId: 'cart-recall', amount: 500 }),
        },
      ],
    });
  });

  it('sends 23 events in batches of 10, 10 and 3, in order', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
    const events = Array.from({ length: 23 }, (_, n) => couponIssued(n));

    await bus().publish(events);

    const batches = eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries!);
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(batches.flat().map((entry) => JSON.parse(entry.Detail!).couponId)).toEqual(
      events.map((event) => event.detail.couponId),
    );
  });

  it('makes no call for an empty list', async () => {
    await bus().publish([]);

    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('throws when EventBridge rejects any entry, naming the error codes', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: '1' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }],
    });

    const publishing = bus().publish([couponIssued(1), couponIssued(2)]);

    await expect(publishing).rejects.toBeInstanceOf(PublishFailedError);
    await expect(publishing).rejects.toThrow('EventBridge rejected 1 of 2 events: ThrottlingException');
  });
});

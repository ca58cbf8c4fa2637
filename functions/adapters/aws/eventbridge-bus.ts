import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { NUDGE_SOURCE, type NudgeEvent } from '../../events/nudge-events.js';
import type { Bus } from '../../ports/bus.js';
import type { AwsEnv } from './aws-env.js';

export interface EventBridgeBusOptions {
  client: Pick<EventBridgeClient, 'send'>;
  eventBusName: string;
}

/** PutEvents accepts at most 10 entries per call. */
const BATCH_SIZE = 10;

export class PublishFailedError extends Error {
  override name = 'PublishFailedError';
}

/** Publishes nudge's own events; throws when any entry failed so the platform retries the whole batch. */
export const createEventBridgeBus = ({ client, eventBusName }: EventBridgeBusOptions): Bus => ({
  async publish(events: NudgeEvent[]) {
    for (let start = 0; start < events.length; start += BATCH_SIZE) {
      const entries: PutEventsRequestEntry[] = events.slice(start, start + BATCH_SIZE).map((event) => ({
        EventBusName: eventBusName,
        Source: NUDGE_SOURCE,
        DetailType: event.detailType,
        Detail: JSON.stringify(event.detail),
      }));
      const result = await client.send(new PutEventsCommand({ Entries: entries }));
      const failed = result.FailedEntryCount ?? 0;
      if (failed > 0) {
        const codes = (result.Entries ?? []).flatMap((entry) => (entry.ErrorCode ? [entry.ErrorCode] : []));
        throw new PublishFailedError(
          `EventBridge rejected ${failed} of ${entries.length} events: ${[...new Set(codes)].join(', ')}`,
        );
      }
    }
  },
});

/** The bus of a Lambda that publishes events, with its own EventBridge client (one per container). */
export const awsEventBridgeBus = (config: Pick<AwsEnv, 'EVENT_BUS_NAME'>): Bus =>
  createEventBridgeBus({ client: new EventBridgeClient({}), eventBusName: config.EVENT_BUS_NAME });

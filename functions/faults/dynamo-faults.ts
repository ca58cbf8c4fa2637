import { InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FaultKind, FaultPlan } from './fault-plan.js';

const dynamoKinds: readonly FaultKind[] = [
  'dynamodb.throttle',
  'dynamodb.5xx-before',
  'dynamodb.5xx-after',
  'dynamodb.timeout-after',
];

/** The process died mid-run: nothing after this point of the invocation happens. */
export class SimulatedCrashError extends Error {
  override name = 'SimulatedCrashError';
}

const metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'fault-injected', attempts: 1 });

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded (injected)',
    $metadata: metadata(400),
  });

const serverError = () =>
  new InternalServerError({ message: 'Internal server error (injected)', $metadata: metadata(500) });

const timedOut = () => Object.assign(new Error('socket timed out (injected)'), { name: 'TimeoutError' });

/** A DynamoDB request as the wire sees it: marshalled attribute values. */
export type WireInput = Record<string, unknown>;

interface Crash {
  matches(input: WireInput): boolean;
  left: number;
}

/**
 * Fails DynamoDB requests at the client, inside the SDK's retry loop, as the service and the
 * network do: throttling and 5xx before the request reaches the table, 5xx and timeouts after
 * it was applied (the caller cannot tell it was). Crashes make chosen writes fail for good.
 */
export class DynamoFaults {
  readonly #plan: FaultPlan;
  readonly #crashes: Crash[] = [];

  constructor(plan: FaultPlan) {
    this.#plan = plan;
  }

  attach(db: DynamoDBDocumentClient): void {
    db.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as WireInput;
        const crash = this.#crashes.find((candidate) => candidate.left > 0 && candidate.matches(input));
        if (crash) {
          crash.left -= 1;
          throw new SimulatedCrashError('the function crashed before this write (injected)');
        }
        const fault = this.#plan.draw(dynamoKinds);
        if (fault === 'dynamodb.throttle') throw throttled();
        if (fault === 'dynamodb.5xx-before') throw serverError();
        const result = await next(args);
        if (fault === 'dynamodb.5xx-after') throw serverError();
        if (fault === 'dynamodb.timeout-after') throw timedOut();
        return result;
      },
      // Inside the retry middleware (finalizeRequest), so the SDK retries these as it would in AWS;
      // outside the deserializer, so a fault after the request still reads the response off the socket.
      { step: 'deserialize', priority: 'high', name: 'injectDynamoFaults', override: true },
    );
  }

  /** The next `times` requests that match fail with SimulatedCrashError. */
  crashOn(matches: (input: WireInput) => boolean, times: number): void {
    this.#crashes.push({ matches, left: times });
  }
}

/** Matches writes to the send-once claim of one step (messages table, pk customer, sk claim#campaign#...#step). */
export const claimWrite =
  (messagesTable: string, claim: { customerId: string; campaignId: string; step: number }) =>
  (input: WireInput): boolean => {
    const key = input.Key as { pk?: { S?: string }; sk?: { S?: string } } | undefined;
    const sk = key?.sk?.S ?? '';
    return (
      input.TableName === messagesTable &&
      input.UpdateExpression !== undefined &&
      key?.pk?.S === claim.customerId &&
      sk.startsWith(`claim#${claim.campaignId}#`) &&
      sk.endsWith(`#${claim.step}`)
    );
  };

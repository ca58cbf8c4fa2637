import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createSesMailer } from '../../functions/adapters/aws/ses-mailer.js';
import { DynamoFaults, SimulatedCrashError } from '../../functions/faults/dynamo-faults.js';
import { type FaultKind, FaultPlan } from '../../functions/faults/fault-plan.js';
import { useQuickRetries } from '../../functions/faults/quick-retries.js';
import { faultySesClient } from '../../functions/faults/ses-faults.js';
import type { OutgoingEmail } from '../../functions/ports/mailer.js';
import { freshTables } from '../support/dynamo.js';

const email: OutgoingEmail = {
  messageId: 'm1',
  campaignId: 'cart-recall',
  customerId: 'c1',
  step: 1,
  to: 'c1@example.com',
  from: 'hello@shop.example',
  subject: 'Your cart',
  raw: 'Subject: Your cart\r\n\r\nhello',
};

const sendWith = async (kind: FaultKind) => {
  const accepted: string[] = [];
  const crashes: string[] = [];
  const mailer = createSesMailer({
    configurationSetName: 'test',
    client: faultySesClient({
      plan: new FaultPlan(1, { [kind]: 1 }),
      accept: async (raw) => {
        accepted.push(raw.raw);
        return 'ses-1';
      },
      onCrash: (raw) => crashes.push(raw.destinations[0]!),
    }),
  });
  const outcome = await mailer.send(email).then(
    (result) => result.providerMessageId,
    (error: Error) => error.name,
  );
  return { outcome, accepted: accepted.length, crashes };
};

describe('SES faults through the real SES mailer adapter', () => {
  it.each([
    ['ses.throttle', 'SendRetryableError', 0],
    ['ses.5xx', 'SendOutcomeUnknownError', 0],
    ['ses.refused', 'SendRefusedError', 0],
    ['ses.timeout-after-accept', 'SendOutcomeUnknownError', 1],
  ] as const)('turn %s into %s with %i message accepted', async (kind, error, acceptedCount) => {
    const result = await sendWith(kind);

    expect(result.outcome).toBe(error);
    expect(result.accepted).toBe(acceptedCount);
  });

  it('answers a crash after SES accepted with success, and says which message must die unrecorded', async () => {
    const result = await sendWith('crash-after-ses-accept');

    expect(result).toEqual({ outcome: 'ses-1', accepted: 1, crashes: ['c1@example.com'] });
  });
});

describe('DynamoDB faults inside the SDK retry loop', () => {
  const item = (n: number) => ({ pk: `k${n}`, sk: 'x', n });

  it('applies a write that failed after it reached DynamoDB, and not one throttled before', async () => {
    const { db, tables } = await freshTables();
    const after = new FaultPlan(1, { 'dynamodb.timeout-after': 1 });
    new DynamoFaults(after).attach(db);
    useQuickRetries(db, { maxAttempts: 1 });
    await expect(db.send(new PutCommand({ TableName: tables.control, Item: item(1) }))).rejects.toThrow(
      /socket timed out/,
    );
    after.disable();
    const applied = await db.send(new GetCommand({ TableName: tables.control, Key: { pk: 'k1', sk: 'x' } }));

    const { db: other } = await freshTables();
    const before = new FaultPlan(1, { 'dynamodb.throttle': 1 });
    new DynamoFaults(before).attach(other);
    useQuickRetries(other, { maxAttempts: 1 });
    await expect(other.send(new PutCommand({ TableName: tables.control, Item: item(2) }))).rejects.toThrow(
      /throughput/,
    );
    before.disable();
    const notApplied = await other.send(
      new GetCommand({ TableName: tables.control, Key: { pk: 'k2', sk: 'x' } }),
    );

    expect(applied.Item).toEqual(item(1));
    expect(notApplied.Item).toBeUndefined();
  });

  it('lets the SDK retry throttling, 5xx and timeouts, so most requests succeed at a 15% fault rate', async () => {
    const { db, tables } = await freshTables();
    const plan = new FaultPlan(2, {
      'dynamodb.throttle': 0.05,
      'dynamodb.5xx-before': 0.05,
      'dynamodb.timeout-after': 0.05,
    });
    new DynamoFaults(plan).attach(db);
    useQuickRetries(db);

    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, n) =>
        db.send(new PutCommand({ TableName: tables.control, Item: item(n) })),
      ),
    );

    expect(plan.total).toBeGreaterThan(5);
    expect(results.filter((result) => result.status === 'rejected').length).toBeLessThanOrEqual(2);
  });

  it('fails the chosen writes of a crashed function for good, without retrying them', async () => {
    const { db, tables } = await freshTables();
    const faults = new DynamoFaults(new FaultPlan(1, {}));
    faults.attach(db);
    faults.crashOn((input) => input.TableName === tables.control, 1);

    await expect(
      db.send(new PutCommand({ TableName: tables.control, Item: item(1) })),
    ).rejects.toBeInstanceOf(SimulatedCrashError);
    await db.send(new PutCommand({ TableName: tables.control, Item: item(1) }));
    const stored = await db.send(new GetCommand({ TableName: tables.control, Key: { pk: 'k1', sk: 'x' } }));

    expect(stored.Item).toEqual(item(1));
  });
});

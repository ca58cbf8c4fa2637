import { resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { faultKinds } from '../../functions/faults/fault-plan.js';
import { type ReliabilityReport, runReliability } from '../../reliability/harness.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let report: ReliabilityReport;

/** The small version of `npm run reliability`: 40 customers, 2 days, every event twice or three times, 15% faults. */
describe('nudge under redelivery and injected faults', () => {
  beforeAll(async () => {
    report = await runReliability({
      customers: 40,
      days: 2,
      settleDays: 2,
      seed: 3,
      faultRate: 0.15,
      sesFaultRate: 0.5,
      rulesDir: resolve(import.meta.dirname, '../../rules'),
      dynamoEndpoint: inject('dynamoEndpoint'),
    });
  }, 180_000);

  it('breaks none of the invariants', () => {
    const broken = report.invariants.filter((invariant) => invariant.violations.length > 0);

    expect(broken).toEqual([]);
    expect(report.violations).toBe(0);
  });

  it('checks the send, coupon and budget invariants on real traffic', () => {
    const checked = Object.fromEntries(
      report.invariants.map((invariant) => [invariant.name, invariant.checked]),
    );

    expect(checked['one message per (campaign, customer, subject, step)']).toBeGreaterThan(5);
    expect(checked['no message after an order']).toBeGreaterThan(5);
    expect(checked['one coupon per (campaign, customer, cart or period)']).toBeGreaterThan(0);
    expect(checked['reserved + settled <= cap, every scope']).toBeGreaterThan(5);
    expect(checked['every movement matches its coupon or message']).toBeGreaterThan(10);
  });

  it('delivers every event at least twice, some three times, and every fired job again', () => {
    const { replay } = report.figures;

    expect(replay.eventDeliveries).toBeGreaterThan(2 * replay.originalEvents);
    expect(replay.eventDeliveries).toBeLessThan(3 * replay.originalEvents);
    expect(replay.jobRedeliveries['campaign-step']).toBeGreaterThan(10);
  });

  it('injects every kind of DynamoDB fault and some SES faults, and rejects no valid event', () => {
    for (const kind of faultKinds.filter((name) => name.startsWith('dynamodb.'))) {
      expect(report.faults[kind], kind).toBeGreaterThan(10);
    }
    const sesFaults = faultKinds
      .filter((name) => !name.startsWith('dynamodb.'))
      .map((kind) => report.faults[kind]);

    expect(sesFaults.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(3);
    expect(
      Object.keys(report.figures.deadLetterReasons).filter((reason) => reason.startsWith('rejected')),
    ).toEqual([]);
  });

  it('writes no email address or customer name into any log line of the run', () => {
    const logs = report.invariants.find((invariant) => invariant.name.includes('in the logs'))!;

    expect(logs.checked).toBe(report.figures.logLines);
    expect(logs.checked).toBeGreaterThan(100);
    expect(logs.violations).toEqual([]);
  });
});

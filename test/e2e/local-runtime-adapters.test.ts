import { describe, expect, it } from 'vitest';
import type { EventBridgeEnvelope } from '../../functions/events/envelope.js';
import type { ScheduledJob } from '../../functions/ports/scheduler.js';
import { systemClock, VirtualClock } from '../../functions/shared/clock.js';
import { LocalScheduler } from '../../local/local-scheduler.js';
import { Outbox } from '../../local/outbox.js';
import { putEvents } from '../../local/put-events.js';
import { WorkTracker } from '../../local/work-tracker.js';

const job = (label: string): ScheduledJob => ({ kind: 'campaign-step', payload: { label } });

const virtualScheduler = (start = '2025-03-01T00:00:00Z') => {
  const clock = new VirtualClock(new Date(start));
  const tracker = new WorkTracker();
  const fired: Array<{ label: unknown; at: string }> = [];
  let scheduler: LocalScheduler;
  scheduler = new LocalScheduler({
    clock,
    mode: 'virtual',
    fire: (firedJob) =>
      tracker.run(async () => {
        fired.push({ label: firedJob.payload.label, at: clock.now().toISOString() });
        // Work that schedules more work, due within the same advance.
        if (firedJob.payload.label === 'first') {
          await scheduler.scheduleAt('follow-up', new Date(clock.now().getTime() + 60_000), job('follow-up'));
        }
      }),
    setTime: (instant) => clock.set(instant),
    idle: () => tracker.idle(),
  });
  return { clock, fired, scheduler, tracker };
};

describe('local scheduler on a virtual clock', () => {
  it('runs due jobs in order, each at its own due time, including jobs they schedule, then stops at the target', async () => {
    const { clock, fired, scheduler } = virtualScheduler();
    await scheduler.scheduleAt('late', new Date('2025-03-01T03:00:00Z'), job('late'));
    await scheduler.scheduleAt('first', new Date('2025-03-01T01:00:00Z'), job('first'));
    await scheduler.scheduleAt('beyond', new Date('2025-03-01T05:00:00Z'), job('beyond'));

    await scheduler.advanceTo(new Date('2025-03-01T04:00:00Z'));

    expect(fired).toEqual([
      { label: 'first', at: '2025-03-01T01:00:00.000Z' },
      { label: 'follow-up', at: '2025-03-01T01:01:00.000Z' },
      { label: 'late', at: '2025-03-01T03:00:00.000Z' },
    ]);
    expect(clock.now().toISOString()).toBe('2025-03-01T04:00:00.000Z');
    expect(scheduler.pending().map((pending) => pending.name)).toEqual(['beyond']);
  });

  it('keeps one schedule per name and forgets a cancelled one', async () => {
    const { fired, scheduler } = virtualScheduler();
    await scheduler.scheduleAt('reminder', new Date('2025-03-01T01:00:00Z'), job('once'));
    await scheduler.scheduleAt('reminder', new Date('2025-03-01T02:00:00Z'), job('twice'));
    await scheduler.scheduleAt('cancelled', new Date('2025-03-01T01:30:00Z'), job('cancelled'));
    await scheduler.cancel('cancelled');

    await scheduler.advanceTo(new Date('2025-03-02T00:00:00Z'));

    expect(fired.map((run) => run.label)).toEqual(['once']);
  });

  it('fires a job that is already due at once, without waiting for an advance', async () => {
    const { fired, scheduler, tracker } = virtualScheduler();

    await scheduler.scheduleAt('now', new Date('2025-02-28T23:00:00Z'), job('now'));
    await tracker.idle();

    expect(fired).toEqual([{ label: 'now', at: '2025-03-01T00:00:00.000Z' }]);
  });
});

describe('local scheduler on the real clock', () => {
  it('fires a job on a timer when it falls due', async () => {
    const tracker = new WorkTracker();
    const fired: string[] = [];
    const scheduler = new LocalScheduler({
      clock: systemClock,
      mode: 'real',
      fire: (firedJob) => tracker.run(async () => void fired.push(String(firedJob.payload.label))),
      idle: () => tracker.idle(),
    });

    await scheduler.scheduleAt('soon', new Date(Date.now() + 30), job('soon'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    await tracker.idle();

    expect(fired).toEqual(['soon']);
    scheduler.stop();
  });
});

describe('work tracker', () => {
  it('becomes idle only after work started by other work has finished', async () => {
    const tracker = new WorkTracker();
    const done: string[] = [];
    void tracker.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      void tracker.run(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        done.push('child');
      });
      done.push('parent');
    });

    await tracker.idle();

    expect(done).toEqual(['parent', 'child']);
  });
});

describe('outbox', () => {
  const raw = [
    'From: "Tea Shop" <shop@example.com>',
    'To: li.wei@example.com',
    'Subject: =?UTF-8?B?5oKo55qE6LSt54mp6L2m?=',
    'List-Unsubscribe: <https://example.com/unsubscribe?token=abc>',
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Your cart is waiting.',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Your cart is waiting.</p>',
    '--b1--',
    '',
  ].join('\r\n');
  const email = {
    messageId: 'm-1',
    campaignId: 'cart-recall',
    customerId: 'cus_10482',
    step: 1,
    to: 'li.wei@example.com',
    from: 'shop@example.com',
    subject: '您的购物车',
    raw,
  };

  it('keeps each message once with headers as sent, text and html, stamped with the clock', async () => {
    const outbox = new Outbox(new VirtualClock(new Date('2025-03-01T13:00:00Z')));

    await outbox.send(email);
    await outbox.send(email);

    const [message, ...others] = outbox.list();
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      messageId: 'm-1',
      step: 1,
      subject: '您的购物车',
      sentAt: '2025-03-01T13:00:00.000Z',
      text: expect.stringContaining('Your cart is waiting.'),
      html: expect.stringContaining('<p>Your cart is waiting.</p>'),
    });
    expect(message?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
});

describe('PutEvents', () => {
  const context = () => {
    const accepted: EventBridgeEnvelope[] = [];
    let next = 0;
    return {
      accepted,
      ctx: {
        now: new Date('2025-03-01T09:00:00.123Z'),
        newId: () => `id-${++next}`,
        account: '000000000000',
        region: 'local',
        accept: (envelope: EventBridgeEnvelope) => void accepted.push(envelope),
      },
    };
  };

  it('wraps an accepted entry in an envelope with id, time to the second, account and region', () => {
    const { accepted, ctx } = context();

    const answer = putEvents(
      { Entries: [{ Source: 'shop', DetailType: 'Cart Updated', Detail: '{"a":1}' }] },
      ctx,
    );

    expect(answer).toEqual({ status: 200, body: { FailedEntryCount: 0, Entries: [{ EventId: 'id-1' }] } });
    expect(accepted).toEqual([
      {
        version: '0',
        id: 'id-1',
        'detail-type': 'Cart Updated',
        source: 'shop',
        account: '000000000000',
        time: '2025-03-01T09:00:00Z',
        region: 'local',
        resources: [],
        detail: { a: 1 },
      },
    ]);
  });

  it('fails an entry without Detail or with a Detail that is not a JSON object, one by one', () => {
    const { accepted, ctx } = context();

    const answer = putEvents(
      {
        Entries: [
          { Source: 'shop', DetailType: 'Cart Updated' },
          { Source: 'shop', DetailType: 'Cart Updated', Detail: '[1,2]' },
        ],
      },
      ctx,
    );

    expect(answer.body).toMatchObject({
      FailedEntryCount: 2,
      Entries: [{ ErrorCode: 'InvalidArgument' }, { ErrorCode: 'MalformedDetail' }],
    });
    expect(accepted).toEqual([]);
  });

  it('rejects a request without entries as a whole', () => {
    expect(putEvents({ Entries: [] }, context().ctx)).toMatchObject({
      status: 400,
      body: { __type: 'ValidationException' },
    });
  });
});

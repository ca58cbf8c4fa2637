import { describe, expect, it } from 'vitest';
import { periodRenewsAt } from '../../../functions/budget/period-renewal.js';
import { budgetResumeAt, isRenewedBudgetPause } from '../../../functions/switches/budget-pause.js';
import type { SwitchRecord } from '../../../functions/switches/switch-store.js';

const budgetPause = (detail?: Record<string, unknown>): SwitchRecord => ({
  scope: 'campaign:recall',
  state: 'paused',
  reason: 'budget_exhausted',
  actor: 'nudge',
  at: '2025-03-08T15:00:00.000Z',
  detail,
});

describe('when a full budget scope renews', () => {
  it.each([
    ['campaign:recall:day:2025-03-08', 'America/New_York', '2025-03-09T05:00:00.000Z'],
    // The night clocks spring forward: midnight is still EST, the day after is EDT.
    ['campaign:recall:day:2025-03-09', 'America/New_York', '2025-03-10T04:00:00.000Z'],
    ['campaign:recall:day:2025-12-31', 'Asia/Shanghai', '2025-12-31T16:00:00.000Z'],
    ['campaign:recall:day:2025-06-30', 'Pacific/Kiritimati', '2025-06-30T10:00:00.000Z'],
    ['campaign:recall:day:2025-06-30', 'Pacific/Pago_Pago', '2025-07-01T11:00:00.000Z'],
    ['campaign:recall:month:2025-12', 'UTC', '2026-01-01T00:00:00.000Z'],
    ['global:month:2025-02', 'Europe/Berlin', '2025-02-28T23:00:00.000Z'],
    // British Summer Time began on 30 March, so April starts at 23:00 UTC.
    ['channel:email:month:2025-03', 'Europe/London', '2025-03-31T23:00:00.000Z'],
    // Santiago moves its clocks at midnight: 7 September 2025 starts at 01:00 local.
    ['campaign:recall:day:2025-09-06', 'America/Santiago', '2025-09-07T04:00:00.000Z'],
  ])('renews %s in %s at %s', (scope, timeZone, expected) => {
    expect(periodRenewsAt(scope, timeZone)?.toISOString()).toBe(expected);
  });

  it.each(['campaign:recall:total', 'global:total', 'campaign:day:total', 'unknown'])(
    'never renews %s',
    (scope) => {
      expect(periodRenewsAt(scope, 'UTC')).toBeUndefined();
    },
  );
});

describe('a budget pause with a resumeAt', () => {
  const now = new Date('2025-03-09T05:00:00.000Z');

  it('stops sending until resumeAt and lets them through from that instant on', () => {
    const pause = budgetPause({ resumeAt: now.toISOString() });

    expect(isRenewedBudgetPause(pause, new Date(now.getTime() - 1))).toBe(false);
    expect(isRenewedBudgetPause(pause, now)).toBe(true);
  });

  it.each([
    ['a total budget pause (no resumeAt)', budgetPause({ budgetScope: 'campaign:recall:total' })],
    [
      'a pause for another reason',
      { ...budgetPause({ resumeAt: '2025-03-01T00:00:00.000Z' }), reason: 'stock' },
    ],
    ['a kill', { ...budgetPause({ resumeAt: '2025-03-01T00:00:00.000Z' }), state: 'killed' as const }],
    ['an unreadable resumeAt', budgetPause({ resumeAt: 'soon' })],
  ])('never ends %s by itself', (_name, record) => {
    expect(budgetResumeAt(record)).toBeUndefined();
    expect(isRenewedBudgetPause(record, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

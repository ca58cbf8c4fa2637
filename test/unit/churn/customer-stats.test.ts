import { describe, expect, it } from 'vitest';
import {
  applyOrderToStats,
  type CustomerStats,
  customerStatsSchema,
  rfmOfStats,
} from '../../../functions/churn/customer-stats.js';

const apply = (orders: [string, number][]) =>
  orders.reduce<CustomerStats | undefined>(
    (stats, [placedAt, total]) => applyOrderToStats(stats, { placedAt, total }),
    undefined,
  )!;

describe('applyOrderToStats', () => {
  it('starts a customer with one order and no gap', () => {
    expect(apply([['2024-03-01T10:00:00Z', 2500]])).toEqual({
      firstOrderAt: '2024-03-01T10:00:00Z',
      lastOrderAt: '2024-03-01T10:00:00Z',
      orders: 1,
      purchaseDays: 1,
      totalSpent: 2500,
      meanGapDays: null,
    });
  });

  it('counts two orders on the same day as one purchase day', () => {
    const stats = apply([
      ['2024-03-01T10:00:00Z', 2500],
      ['2024-03-01T22:30:00Z', 1000],
    ]);
    expect(stats).toMatchObject({ orders: 2, purchaseDays: 1, totalSpent: 3500, meanGapDays: null });
    expect(stats.lastOrderAt).toBe('2024-03-01T22:30:00Z');
  });

  it('averages the gap between purchase days', () => {
    const stats = apply([
      ['2024-03-01T10:00:00Z', 1000],
      ['2024-03-11T10:00:00Z', 1000],
      ['2024-03-11T12:00:00Z', 1000],
      ['2024-03-31T09:00:00Z', 1000],
    ]);
    expect(stats).toMatchObject({ orders: 4, purchaseDays: 3, totalSpent: 4000, meanGapDays: 15 });
  });

  it('moves the first order back when an older order arrives late', () => {
    const stats = apply([
      ['2024-03-11T10:00:00Z', 1000],
      ['2024-03-01T10:00:00Z', 500],
    ]);
    expect(stats).toMatchObject({
      firstOrderAt: '2024-03-01T10:00:00Z',
      lastOrderAt: '2024-03-11T10:00:00Z',
    });
    expect(stats).toMatchObject({ purchaseDays: 2, meanGapDays: 10 });
  });

  it('recognises a late order on an in-between day when every day in the span is already a purchase day', () => {
    const stats = apply([
      ['2024-03-01T10:00:00Z', 1000],
      ['2024-03-02T10:00:00Z', 1000],
      ['2024-03-03T10:00:00Z', 1000],
      ['2024-03-02T18:00:00Z', 1000],
    ]);
    expect(stats).toMatchObject({ orders: 4, purchaseDays: 3, meanGapDays: 1 });
  });

  it('keeps purchase days in UTC whatever the offset of the timestamp', () => {
    const stats = apply([
      ['2024-03-01T23:30:00-02:00', 1000],
      ['2024-03-02T03:00:00Z', 1000],
    ]);
    expect(stats.purchaseDays).toBe(1);
  });

  it('produces stats the schema accepts', () => {
    expect(customerStatsSchema.parse(apply([['2024-03-01T10:00:00.000Z', 0]]))).toBeDefined();
    expect(
      customerStatsSchema.safeParse({ ...apply([['2024-03-01T10:00:00Z', 1]]), totalSpent: 1.5 }).success,
    ).toBe(false);
  });
});

describe('rfmOfStats', () => {
  it('turns stats into BG/NBD inputs as of now, in weeks', () => {
    const stats = apply([
      ['2024-03-01T10:00:00Z', 1000],
      ['2024-03-15T10:00:00Z', 3000],
    ]);
    expect(rfmOfStats(stats, '2024-03-29T08:00:00Z', 'week')).toEqual({ x: 1, tx: 2, T: 4, monetary: 2000 });
  });
});

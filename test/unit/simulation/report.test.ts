import { describe, expect, it } from 'vitest';
import { computeLift } from '../../../functions/lift/lift.js';
import { renderReport } from '../../../functions/simulation/report-html.js';
import type { SimulationSummary } from '../../../functions/simulation/summary.js';
import { summaryText } from '../../../functions/simulation/summary-text.js';

const campaign = (id: string, treatmentConverters: number) => ({
  id,
  type: 'cart_recall',
  state: 'active',
  reason: null,
  sent: 900,
  conversions: treatmentConverters,
  revenue: treatmentConverters * 5_000,
  spend: 20_000,
  budget: [{ scope: `campaign:${id}:total`, cap: 200_000, reserved: 5_000, settled: 15_000 }],
  lift: computeLift({
    treatment: { customers: 900, converters: treatmentConverters, revenue: treatmentConverters * 5_000 },
    holdout: { customers: 100, converters: 8, revenue: 40_000 },
    spend: 20_000,
  }),
});

const summary: SimulationSummary = {
  config: {
    customers: 2000,
    days: 2,
    seed: 1,
    start: '2025-03-03T00:00:00.000Z',
    currency: 'USD',
    upliftReminder: 0.05,
    upliftCoupon: 0.05,
    abandonRate: 0.7,
    naturalReturn: { probability: 0.12, meanHours: 24 },
  },
  shop: {
    customers: 2000,
    optedIn: 1900,
    locales: { 'en-US': 1000, 'zh-CN': 1000 },
    carts: 100,
    abandoned: 70,
    boughtAtOnce: 30,
    naturalReturns: 8,
    reminderPurchases: 4,
    winBackOrders: 0,
    ordersWithCoupon: 2,
    unsubscribes: 0,
    messagesRead: 90,
    revenue: { at_once: 1, natural: 2, reminder: 3, win_back: 0, history: 0 },
  },
  messages: { total: 90, perDay: [40, 50] },
  coupons: { issued: 10, redeemed: 2 },
  campaigns: [campaign('cart-recall', 180), campaign('win-back', 80)],
  measuredLift: {
    campaignId: 'cart-recall',
    lift: computeLift({
      treatment: { customers: 600, converters: 96, revenue: 480_000 },
      holdout: { customers: 70, converters: 7, revenue: 35_000 },
      spend: 20_000,
    }),
  },
  series: {
    spend: [
      { hour: 24, campaignId: 'cart-recall', spend: 10_000, used: 10_000, cap: 200_000 },
      { hour: 48, campaignId: 'cart-recall', spend: 20_000, used: 20_000, cap: 200_000 },
    ],
    recoveredByDay: [
      { natural: 1_000, reminder: 500 },
      { natural: 800, reminder: 900 },
    ],
  },
};

describe('simulation report', () => {
  it('shows each campaign with its lift interval and verdict, in a page that loads nothing', () => {
    const html = renderReport(summary);

    expect(html).toContain('significant lift');
    expect(html).toContain('not yet significant');
    expect(html).toMatch(/\[\+\d+\.\d pp, \+\d+\.\d pp\]/);
    expect(html).toContain('Spend against cap: cart-recall');
    expect(html).not.toMatch(/<script|src=["']?https?:|href=["']?https?:/);
  });

  it('prints the lift with its interval in the text summary', () => {
    const text = summaryText(summary);

    expect(text).toMatch(/cart-recall .*sent 900/);
    expect(text).toMatch(
      /reported by nudge: 20\.0% of 900 vs 8\.0% of 100: \+12\.0 pp \(95% CI [+-]\d+\.\d pp to \+\d+\.\d pp\), significant lift/,
    );
    expect(text).toMatch(
      /measured cart-recall lift \(simulation ground truth\): 16\.0% of 600 vs 10\.0% of 70: \+6\.0 pp/,
    );
    expect(text).toMatch(/win-back[\s\S]*not yet significant/);
  });
});

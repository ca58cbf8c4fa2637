import type { Lift } from '../lift/lift.js';
import { liftOf, money, verdictText } from './campaign-lift.js';
import type { SimulationSummary } from './summary.js';
import { pp } from './svg-charts.js';

/** The few lines a person reads after `nudge simulate`. */
export function summaryText(summary: SimulationSummary): string {
  const { shop, config } = summary;
  const cash = (minor: number) => money(minor, config.currency);
  const lines = [
    `shop: ${shop.customers} customers, ${shop.carts} carts, ${shop.abandoned} abandoned (${percent(shop.abandoned, shop.carts)})`,
    `  came back on their own: ${shop.naturalReturns} (${cash(shop.revenue.natural)}); after a reminder: ${shop.reminderPurchases} (${cash(shop.revenue.reminder)}); win-back orders: ${shop.winBackOrders}`,
    `messages: ${summary.messages.total}; coupons issued ${summary.coupons.issued}, redeemed ${summary.coupons.redeemed}; unsubscribes ${shop.unsubscribes}`,
    'campaigns:',
  ];
  const measured = summary.measuredLift;
  lines.splice(
    3,
    0,
    `measured ${measured.campaignId} lift (simulation ground truth): ${liftLine(measured.lift, cash)}`,
  );
  for (const campaign of summary.campaigns) {
    const lift = liftOf(campaign);
    lines.push(
      `  ${campaign.id} (${campaign.type}, ${campaign.state}${campaign.reason ? `: ${campaign.reason}` : ''}): sent ${campaign.sent}, conversions ${campaign.conversions}, revenue ${cash(campaign.revenue)}, spend ${cash(campaign.spend)}`,
    );
    lines.push(`    lift reported by nudge: ${lift ? liftLine(lift, cash) : 'not reported'}`);
  }
  return `${lines.join('\n')}\n`;
}

function liftLine(lift: Lift, cash: (minor: number) => string): string {
  if (!lift.interval || lift.difference === null) {
    return `${verdictText[lift.verdict]} (treatment ${lift.treatment.customers}, holdout ${lift.holdout.customers} customers)`;
  }
  const rate = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
  return `${rate(lift.treatment.conversionRate)} of ${lift.treatment.customers} vs ${rate(lift.holdout.conversionRate)} of ${lift.holdout.customers}: ${pp(lift.difference)} (95% CI ${pp(lift.interval.lower)} to ${pp(lift.interval.upper)}), ${verdictText[lift.verdict]}; incremental revenue ${cash(lift.incrementalRevenue ?? 0)}, incremental ROI ${lift.incrementalRoi === null ? '–' : lift.incrementalRoi.toFixed(2)}`;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)}%`;

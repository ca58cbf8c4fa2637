import { type CampaignFigures, headlineScope, readCampaigns, statusOf } from './campaign-figures.js';
import { HOUR_MS, type SimulationConfig } from './config.js';
import { defaultRecallExperiment, measureRecallLift } from './measured-lift.js';
import type { ShopRuntime } from './runtime-client.js';
import { listOf, ShopDriver } from './shop-driver.js';
import type { SimulationSummary } from './summary.js';

export type ProgressListener = (done: number, total: number) => void;

const SAMPLE_EVERY_HOURS = 6;

/**
 * Runs the synthetic shop through a local runtime in virtual time, step by step, and every few
 * virtual hours records the campaigns' spend against their caps.
 */
export async function runSimulation(
  config: SimulationConfig,
  runtime: ShopRuntime,
  onProgress: ProgressListener = () => {},
): Promise<SimulationSummary> {
  const driver = new ShopDriver(config, runtime);
  const { shop } = driver;
  const steps = Math.ceil((config.days * 24) / config.stepHours);
  const spendSeries: SimulationSummary['series']['spend'] = [];

  await driver.open();
  onProgress(0, steps);
  for (let step = 1; step <= steps; step++) {
    const now = shop.startMs + (step - 1) * config.stepHours * HOUR_MS;
    const target = Math.min(shop.endMs, now + config.stepHours * HOUR_MS);
    await driver.step(now, target);
    const hour = (target - shop.startMs) / HOUR_MS;
    if (hour % SAMPLE_EVERY_HOURS === 0 || target === shop.endMs) {
      spendSeries.push(...spendSample(hour, readCampaigns(await runtime.getJson('/api/campaigns'))));
    }
    onProgress(step, steps);
  }
  await driver.step(shop.endMs, shop.endMs);

  const campaigns = readCampaigns(await runtime.getJson('/api/campaigns'));
  const coupons = listOf(await runtime.getJson('/api/coupons?limit=1000'));
  const { recoveredByDay, ...tally } = shop.tally;
  return {
    config: {
      customers: config.customers,
      days: config.days,
      seed: config.seed,
      start: config.start,
      currency: config.currency,
      upliftReminder: config.upliftReminder,
      upliftCoupon: config.upliftCoupon,
      abandonRate: config.abandonRate,
      naturalReturn: config.naturalReturn,
    },
    shop: {
      customers: shop.customers.length,
      optedIn: shop.customers.filter((customer) => customer.consent !== 'none').length,
      locales: countBy(shop.customers.map((customer) => customer.locale)),
      ...tally,
    },
    messages: { total: driver.messages, perDay: driver.messagesPerDay },
    coupons: {
      issued: coupons.length,
      redeemed: coupons.filter((coupon) => coupon.state === 'redeemed').length,
    },
    campaigns: campaigns.map((campaign) => ({
      id: campaign.id,
      type: campaign.type,
      ...statusOf(campaign),
      sent: campaign.metrics.sent,
      conversions: campaign.metrics.conversions,
      revenue: campaign.metrics.revenue,
      spend: campaign.spend,
      budget: campaign.budget.map(({ scope, cap, reserved, settled }) => ({
        scope,
        cap: cap ?? null,
        reserved,
        settled,
      })),
      lift: campaign.lift ?? null,
    })),
    measuredLift: {
      campaignId: defaultRecallExperiment.campaignId,
      lift: measureRecallLift(
        shop,
        defaultRecallExperiment,
        campaigns.find((campaign) => campaign.id === defaultRecallExperiment.campaignId)?.spend ?? 0,
      ),
    },
    series: { spend: spendSeries, recoveredByDay },
  };
}

function spendSample(hour: number, campaigns: CampaignFigures[]): SimulationSummary['series']['spend'] {
  return campaigns.map((campaign) => {
    const scope = headlineScope(campaign);
    return {
      hour,
      campaignId: campaign.id,
      spend: campaign.spend,
      used: scope ? scope.reserved + scope.settled : campaign.spend,
      cap: scope?.cap ?? null,
    };
  });
}

const countBy = (values: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of [...values].sort()) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

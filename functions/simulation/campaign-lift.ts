import { type Lift, liftSchema } from '../lift/lift.js';
import type { SimulationSummary } from './summary.js';

/** The lift a campaign reported through the API, when it reported one in the agreed shape. */
export const liftOf = (campaign: SimulationSummary['campaigns'][number]): Lift | undefined => {
  const parsed = liftSchema.safeParse(campaign.lift);
  return parsed.success ? parsed.data : undefined;
};

export const verdictText: Record<Lift['verdict'], string> = {
  positive: 'significant lift',
  negative: 'significantly worse than holdout',
  not_yet_significant: 'not yet significant',
  insufficient_data: 'not enough data yet',
};

export const money = (minor: number, currency: string): string => {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 10 ** digits);
};

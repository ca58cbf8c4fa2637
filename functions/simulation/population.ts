import type { SimulationConfig } from './config.js';
import { randomFor } from './prng.js';

export interface SimulatedCustomer {
  customerId: string;
  email: string;
  firstName: string;
  locale: 'en-US' | 'en-GB' | 'zh-CN';
  timeZone: string;
  country: string;
  consent: 'opted_in' | 'soft_opt_in' | 'none';
  /** Cart sessions per hour while alive (BG/NBD: Poisson with a Gamma-distributed rate). */
  sessionRatePerHour: number;
  /** Chance to drop out after each session (BG/NBD: Beta-distributed). */
  dropout: number;
}

const places = [
  { locale: 'en-US', timeZone: 'America/New_York', country: 'US', weight: 0.3 },
  { locale: 'en-US', timeZone: 'America/Los_Angeles', country: 'US', weight: 0.15 },
  { locale: 'en-GB', timeZone: 'Europe/London', country: 'GB', weight: 0.1 },
  { locale: 'en-GB', timeZone: 'Europe/Berlin', country: 'DE', weight: 0.05 },
  { locale: 'zh-CN', timeZone: 'Asia/Shanghai', country: 'CN', weight: 0.3 },
  { locale: 'zh-CN', timeZone: 'Asia/Singapore', country: 'SG', weight: 0.1 },
] as const;

const names = {
  en: ['Ada', 'Ben', 'Chloe', 'Dev', 'Emma', 'Finn', 'Grace', 'Hugo', 'Isla', 'Jack'],
  zh: ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军'],
};

export const customerIdOf = (index: number) => `sim-${String(index + 1).padStart(6, '0')}`;

/** The shop's customers, each drawn from its own generator so the population does not depend on order. */
export function generatePopulation(config: SimulationConfig): SimulatedCustomer[] {
  const { r, alpha, a, b, sessionsPerPurchase } = config.process;
  return Array.from({ length: config.customers }, (_, index) => {
    const customerId = customerIdOf(index);
    const random = randomFor(config.seed, 'customer', customerId);
    const place = random.weighted(places.map((p) => [p, p.weight] as const));
    const perWeek = random.gamma(r, alpha / sessionsPerPurchase);
    return {
      customerId,
      email: `${customerId}@customers.example.com`,
      firstName: random.pick(place.locale === 'zh-CN' ? names.zh : names.en),
      locale: place.locale,
      timeZone: place.timeZone,
      country: place.country,
      consent: random.weighted([
        ['opted_in', 0.88],
        ['soft_opt_in', 0.07],
        ['none', 0.05],
      ] as const),
      sessionRatePerHour: perWeek / 168,
      dropout: random.beta(a, b),
    };
  });
}

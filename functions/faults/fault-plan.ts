import { Random } from '../simulation/prng.js';

/** Every fault the reliability harness can inject, by where it strikes. */
export const faultKinds = [
  'dynamodb.throttle',
  'dynamodb.5xx-before',
  'dynamodb.5xx-after',
  'dynamodb.timeout-after',
  'ses.throttle',
  'ses.5xx',
  'ses.refused',
  'ses.timeout-after-accept',
  'crash-after-ses-accept',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export type FaultRates = Partial<Record<FaultKind, number>>;

/**
 * Decides, from a seed, which calls fail and how, and counts what it injected. The rates of the
 * kinds offered for one call add up to the chance that the call fails at all.
 */
export class FaultPlan {
  readonly counts: Record<FaultKind, number> = Object.fromEntries(
    faultKinds.map((kind) => [kind, 0]),
  ) as Record<FaultKind, number>;
  readonly #random: Random;
  readonly #rates: FaultRates;
  #enabled = true;

  constructor(seed: number | string, rates: FaultRates) {
    this.#random = new Random(`faults|${seed}`);
    this.#rates = rates;
  }

  /** One of `kinds` by its rate, or undefined for a call that goes through. */
  draw(kinds: readonly FaultKind[]): FaultKind | undefined {
    if (!this.#enabled) return undefined;
    let u = this.#random.next();
    for (const kind of kinds) {
      u -= this.#rates[kind] ?? 0;
      if (u < 0) {
        this.counts[kind] += 1;
        return kind;
      }
    }
    return undefined;
  }

  /** Faults stop, e.g. while the harness reads what happened. */
  disable(): void {
    this.#enabled = false;
  }

  get total(): number {
    return Object.values(this.counts).reduce((sum, count) => sum + count, 0);
  }
}

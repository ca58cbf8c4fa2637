import type { Random } from '../functions/simulation/prng.js';

export interface RedeliveryPolicy {
  /** Every item is delivered at least this often (2: each event twice). */
  copies: number;
  /** The share of items delivered once more on top (0.1: a tenth three times). */
  extraCopyShare: number;
  /** Items are shuffled among those whose time falls in the same window. */
  windowMs: number;
}

export const defaultRedelivery: RedeliveryPolicy = { copies: 2, extraCopyShare: 0.1, windowMs: 5 * 60_000 };

/** Fisher-Yates, in place, from the seeded generator. */
export const shuffle = <T>(items: T[], random: Random): T[] => {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
};

/**
 * At-least-once delivery as AWS does it: every item several times, reordered within short
 * windows of its own time. Windows keep their order; inside one, anything goes.
 */
export const redeliveryOrder = <T>(
  items: readonly T[],
  timeOf: (item: T) => number,
  random: Random,
  policy: RedeliveryPolicy = defaultRedelivery,
): T[] => {
  const windows = new Map<number, T[]>();
  for (const item of items) {
    const window = Math.floor(timeOf(item) / policy.windowMs);
    const copies = policy.copies + (random.chance(policy.extraCopyShare) ? 1 : 0);
    const list = windows.get(window) ?? [];
    for (let copy = 0; copy < copies; copy += 1) list.push(item);
    windows.set(window, list);
  }
  return [...windows.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => shuffle(list, random));
};

/**
 * The caps of a scope's shards: as even as integers allow, summing exactly to the cap, so the
 * shards together are exactly as strict as one item would be.
 */
export const splitCap = (cap: number, shards: number): number[] => {
  const base = Math.floor(cap / shards);
  const extra = cap - base * shards;
  return Array.from({ length: shards }, (_, index) => base + (index < extra ? 1 : 0));
};

/** Shard indexes in the order a reservation tries them: a random start, then round the ring. */
export const shardOrder = (shards: number, random: () => number = Math.random): number[] => {
  const start = Math.floor(random() * shards) % shards;
  return Array.from({ length: shards }, (_, offset) => (start + offset) % shards);
};

import * as z from '../shared/zod.js';

/** Uncapped scopes are tracked with this cap, so gaining a cap later is one delta update. */
export const UNLIMITED = Number.MAX_SAFE_INTEGER;

export const scopePk = (scopeKey: string): string => `scope#${scopeKey}`;
export const shardSk = (shard: number): string => `shard#${String(shard).padStart(2, '0')}`;
export const SCOPE_META_SK = 'meta';
export const movementPk = (movementKey: string): string => `movement#${movementKey}`;
/** Sorts before every scope key, which all start with a letter. */
export const MOVEMENT_HEADER_SK = '#header';

/** One shard of a scope. Invariant kept by every write: remaining = cap - reserved - settled. */
export const shardItemSchema = z.lazy(() =>
  z.object({
    scope: z.string(),
    shard: z.int(),
    cap: z.number(),
    remaining: z.number(),
    reserved: z.number(),
    settled: z.number(),
    released: z.number(),
  }),
);
export type ShardItem = z.infer<typeof shardItemSchema>;

export const scopeMetaSchema = z.lazy(() =>
  z.object({ scope: z.string(), shards: z.int().check(z.positive()) }),
);

export const movementStates = ['reserved', 'refused', 'settled', 'released'] as const;
export type MovementState = (typeof movementStates)[number];

/** Where a movement took its amount in one scope. */
export const movementLineSchema = z.lazy(() =>
  z.object({
    shard: z.int(),
    amount: z.number(),
  }),
);
export type MovementLine = z.infer<typeof movementLineSchema>;

/**
 * One item per movement, written in the same transaction as every shard it takes from, so a
 * reservation, a settle and a release each either happened whole or not at all.
 */
export const movementHeaderSchema = z.lazy(() =>
  z.object({
    movementKey: z.string(),
    state: z.enum(movementStates),
    amount: z.number(),
    at: z.string(),
    /** By scope key; empty for a refused movement. */
    lines: z._default(z.record(z.string(), movementLineSchema), {}),
    /** Per line, once settled: what each scope kept as spent (at most the line's amount). */
    settledAmount: z.optional(z.number()),
    /** Spent the moment it was reserved (an email's send cost); a release refunds it. */
    committed: z.optional(z.boolean()),
    refusedBy: z.optional(z.string()),
  }),
);
export type MovementHeader = z.infer<typeof movementHeaderSchema>;

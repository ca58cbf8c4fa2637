import * as z from 'zod';

/** Uncapped scopes are tracked with this cap, so gaining a cap later is one delta update. */
export const UNLIMITED = Number.MAX_SAFE_INTEGER;

export const scopePk = (scopeKey: string): string => `scope#${scopeKey}`;
export const shardSk = (shard: number): string => `shard#${String(shard).padStart(2, '0')}`;
export const SCOPE_META_SK = 'meta';
export const movementPk = (movementKey: string): string => `movement#${movementKey}`;
/** Sorts before every scope key, which all start with a letter. */
export const MOVEMENT_HEADER_SK = '#header';

/** One shard of a scope. Invariant kept by every write: remaining = cap - reserved - settled. */
export const shardItemSchema = z.object({
  scope: z.string(),
  shard: z.number().int(),
  cap: z.number(),
  remaining: z.number(),
  reserved: z.number(),
  settled: z.number(),
  released: z.number(),
});
export type ShardItem = z.infer<typeof shardItemSchema>;

export const scopeMetaSchema = z.object({ scope: z.string(), shards: z.number().int().positive() });

export const lineStates = ['reserved', 'settled', 'released'] as const;

/** What one movement took from one scope, written in the same transaction as the shard update. */
export const movementLineSchema = z.object({
  scope: z.string(),
  shard: z.number().int(),
  amount: z.number(),
  state: z.enum(lineStates),
  settledAmount: z.number().optional(),
});
export type MovementLine = z.infer<typeof movementLineSchema>;

export const movementStates = ['reserving', 'reserved', 'refused', 'settled', 'released'] as const;
export type MovementState = (typeof movementStates)[number];

export const movementHeaderSchema = z.object({
  movementKey: z.string(),
  state: z.enum(movementStates),
  amount: z.number(),
  at: z.string(),
  refusedBy: z.string().optional(),
});
export type MovementHeader = z.infer<typeof movementHeaderSchema>;

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { STATS_SK } from '../ingest/order.js';
import type { Deps } from '../shared/deps.js';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';
import { isConditionFailure } from '../store/dynamo.js';
import type { ChurnScore } from './score.js';
import { storedScoreStands } from './scoring-rewrite.js';
import { SCORE_ATTRIBUTE } from './stored-scores.js';

/** `<valueTier>/<riskBand>`, e.g. `high/medium`: what win-back audiences and `Customer Scored` are about. */
export const segmentOf = (score: Pick<ChurnScore, 'valueTier' | 'riskBand'>): string =>
  `${score.valueTier}/${score.riskBand}`;

/** A customer's stored score, rewritten when a nightly run finds it out of date. */
export interface StoredScore extends ChurnScore {
  customerId: string;
  segment: string;
  modelVersion: number;
  /** When the stored figures were computed: the run that last wrote them. */
  scoredAt: string;
  runId: string;
  /** The run that last moved the customer to another segment; a retried run finds itself here and re-emits. */
  changedInRun: string;
  previousSegment?: string;
}

/**
 * The `score` map on the stats item: only what the nightly scan compares. The figures (`pAlive`,
 * `reason`, `expectedValue`, ...) travel in `Customer Scored` and the win-back entry, and the
 * dashboard's P(alive) picture is counted by the run itself (run-picture.ts); kept here, they would
 * have to be rewritten every time they drift and would grow the item every scan of the index reads
 * (docs/winback.md).
 */
const seenScoreObject = lazy(() =>
  z.object({
    segment: z.string(),
    modelVersion: z.number(),
    scoredAt: z.string(),
    changedInRun: z.string(),
    previousSegment: z.optional(z.string()),
  }),
);
export const seenScoreSchema = z.lazy(seenScoreObject);
export type SeenScore = z.infer<typeof seenScoreSchema>;
export const seenScoreFields = lazy(() => Object.keys(seenScoreObject().shape));

const attributeOf = (score: StoredScore): SeenScore => ({
  segment: score.segment,
  modelVersion: score.modelVersion,
  scoredAt: score.scoredAt,
  changedInRun: score.changedInRun,
  ...(score.previousSegment === undefined ? {} : { previousSegment: score.previousSegment }),
});

export type StoreOutcome =
  /** `written` is false when the stored score still stands for this run (see scoring-rewrite.ts). */
  | { stored: true; written: boolean; segmentChanged: boolean; score: StoredScore }
  /** A later run already stored a newer score, or the customer has no stats item to hold one. */
  | { stored: false };

type Run = { modelVersion: number; runId: string; scoredAt: string };

export interface ScoreStore {
  /**
   * Writes the score only if the segment read a moment ago is still the stored one, so two writers
   * cannot both see "changed" (or both miss it). `segmentChanged` is also true on a retry of the run
   * that changed it, so the event is sent at least once. `seen` is the stored score a scan found just
   * before (null: the scan found none); given, a write needs no read, and none at all when the stored
   * score still stands. Without it the store reads for itself.
   */
  store(customerId: string, score: ChurnScore, run: Run, seen?: SeenScore | null): Promise<StoreOutcome>;
}

const MAX_ATTEMPTS = 5;

/** The score that follows `previous` (undefined: none stored yet). */
const nextStoredScore = (
  customerId: string,
  score: ChurnScore,
  run: Run,
  previous: Pick<SeenScore, 'segment' | 'changedInRun' | 'previousSegment'> | undefined,
): StoredScore => {
  const segment = segmentOf(score);
  const moved = previous?.segment !== segment;
  const changedInRun = moved ? run.runId : (previous?.changedInRun ?? run.runId);
  const previousSegment = moved ? previous?.segment : previous?.previousSegment;
  return {
    customerId,
    ...score,
    segment,
    ...run,
    changedInRun,
    ...(previousSegment === undefined ? {} : { previousSegment }),
  };
};

const written = (score: StoredScore, run: Run): StoreOutcome => ({
  stored: true,
  written: true,
  segmentChanged: score.changedInRun === run.runId,
  score,
});

export const createScoreStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): ScoreStore => {
  const statsKey = (customerId: string) => ({ pk: customerId, sk: STATS_SK });

  /** Most nights most segments stay put: one conditional update, no read. Undefined when the segment moved. */
  const updateInPlace = async (
    customerId: string,
    score: ChurnScore,
    run: Run,
  ): Promise<StoredScore | undefined> => {
    const segment = segmentOf(score);
    const fields = { modelVersion: run.modelVersion, scoredAt: run.scoredAt };
    const names = Object.keys(fields);
    try {
      const result = await db.send(
        new UpdateCommand({
          TableName: tables.customers,
          Key: statsKey(customerId),
          UpdateExpression: `SET ${names.map((name) => `#score.#${name} = :${name}`).join(', ')}`,
          ConditionExpression: '#score.#segment = :segment AND #score.#scoredAt <= :scoredAt',
          ExpressionAttributeNames: {
            '#score': SCORE_ATTRIBUTE,
            '#segment': 'segment',
            ...Object.fromEntries(names.map((name) => [`#${name}`, name])),
          },
          ExpressionAttributeValues: {
            ':segment': segment,
            ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value])),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const kept = seenScoreSchema.safeParse(result.Attributes?.[SCORE_ATTRIBUTE]);
      if (!kept.success) return undefined;
      return nextStoredScore(customerId, score, run, kept.data);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  };

  /**
   * Sets the next score if the stored one is still `previous` (null: none stored; 'unreadable': one
   * that no longer parses, which is replaced whatever it holds); false if it is not. The stats item
   * must exist, and only its `score` attribute is written.
   */
  const writeAfter = async (
    next: StoredScore,
    previous: SeenScore | null | 'unreadable',
  ): Promise<boolean> => {
    const { customerId } = next;
    const seen = typeof previous === 'object' && previous !== null ? previous : undefined;
    const condition = seen
      ? '#score.#segment = :previous AND #score.#scoredAt = :previousAt'
      : previous === null
        ? 'attribute_exists(pk) AND attribute_not_exists(#score)'
        : 'attribute_exists(pk)';
    try {
      await db.send(
        new UpdateCommand({
          TableName: tables.customers,
          Key: statsKey(customerId),
          UpdateExpression: 'SET #score = :score',
          ConditionExpression: condition,
          ExpressionAttributeNames: {
            '#score': SCORE_ATTRIBUTE,
            ...(seen ? { '#segment': 'segment', '#scoredAt': 'scoredAt' } : {}),
          },
          ExpressionAttributeValues: {
            ':score': attributeOf(next),
            ...(seen ? { ':previous': seen.segment, ':previousAt': seen.scoredAt } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  /** Reads the stored score and writes after it, again while other writers keep changing it. */
  const storeAfterReading = async (
    customerId: string,
    score: ChurnScore,
    run: Run,
  ): Promise<StoreOutcome> => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const read = await db.send(
        new GetCommand({
          TableName: tables.customers,
          Key: statsKey(customerId),
          ProjectionExpression: 'pk, #score',
          ExpressionAttributeNames: { '#score': SCORE_ATTRIBUTE },
          ConsistentRead: true,
        }),
      );
      if (!read.Item) return { stored: false };
      const stored = read.Item[SCORE_ATTRIBUTE];
      const parsed = stored === undefined ? undefined : seenScoreSchema.safeParse(stored);
      const previous = parsed?.success ? parsed.data : undefined;
      if (previous && previous.scoredAt > run.scoredAt) return { stored: false };
      const next = nextStoredScore(customerId, score, run, previous);
      const expected = parsed === undefined ? null : (previous ?? 'unreadable');
      if (await writeAfter(next, expected)) return written(next, run);
    }
    throw new Error(`score of customer ${customerId} kept changing under the write; retry the segment`);
  };

  return {
    async store(customerId, score, run, seen) {
      if (seen === undefined) {
        const unchanged = await updateInPlace(customerId, score, run);
        if (unchanged) return written(unchanged, run);
        return storeAfterReading(customerId, score, run);
      }
      if (seen !== null && seen.scoredAt > run.scoredAt) return { stored: false };
      const next = nextStoredScore(customerId, score, run, seen ?? undefined);
      if (seen !== null && storedScoreStands(seen, next, run)) {
        return { stored: true, written: false, segmentChanged: next.changedInRun === run.runId, score: next };
      }
      if (await writeAfter(next, seen)) return written(next, run);
      return storeAfterReading(customerId, score, run);
    },
  };
};

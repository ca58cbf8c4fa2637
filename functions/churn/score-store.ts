import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../shared/deps.js';
import { isConditionFailure } from '../store/dynamo.js';
import type { ChurnScore } from './score.js';
import { storedScoreStands } from './scoring-rewrite.js';

export const SCORE_SK = 'score';

/** `<valueTier>/<riskBand>`, e.g. `high/medium`: what win-back audiences and `Customer Scored` are about. */
export const segmentOf = (score: Pick<ChurnScore, 'valueTier' | 'riskBand'>): string =>
  `${score.valueTier}/${score.riskBand}`;

/** The `customers` item pk=customerId, sk='score', rewritten when a nightly run finds it out of date. */
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

/** The fields of a stored score that the nightly scan reads next to the stats (a projection). */
export const seenScoreSchema = z.object({
  segment: z.string(),
  pAlive: z.number(),
  modelVersion: z.number(),
  scoredAt: z.string(),
  changedInRun: z.string(),
  previousSegment: z.string().optional(),
});
export type SeenScore = z.infer<typeof seenScoreSchema>;
export const SEEN_SCORE_FIELDS = Object.keys(seenScoreSchema.shape);

export type StoreOutcome =
  /** `written` is false when the stored score still stands for this run (see scoring-rewrite.ts). */
  | { stored: true; written: boolean; segmentChanged: boolean; score: StoredScore }
  /** A later run already stored a newer score. */
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

/** The score item that follows `previous` (undefined: none stored yet). */
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
  /** Most nights most segments stay put: one conditional update, no read. Undefined when the segment moved. */
  const updateInPlace = async (
    customerId: string,
    fields: ChurnScore & { segment: string } & Run,
  ): Promise<StoredScore | undefined> => {
    const names = Object.keys(fields);
    try {
      const result = await db.send(
        new UpdateCommand({
          TableName: tables.customers,
          Key: { pk: customerId, sk: SCORE_SK },
          UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}`,
          ConditionExpression: '#segment = :segment AND #scoredAt <= :scoredAt',
          ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
          ExpressionAttributeValues: Object.fromEntries(
            Object.entries(fields).map(([name, value]) => [`:${name}`, value]),
          ),
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { pk: _pk, sk: _sk, ...stored } = result.Attributes as StoredScore & { pk?: string; sk?: string };
      return stored;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  };

  /** Puts the next score if the stored one is still `previous` (none: still absent); false if it is not. */
  const putAfter = async (next: StoredScore, previous: SeenScore | undefined): Promise<boolean> => {
    try {
      await db.send(
        new PutCommand({
          TableName: tables.customers,
          Item: { pk: next.customerId, sk: SCORE_SK, ...next },
          ConditionExpression: previous
            ? '#segment = :previous AND scoredAt = :previousAt'
            : 'attribute_not_exists(pk)',
          ExpressionAttributeNames: previous ? { '#segment': 'segment' } : undefined,
          ExpressionAttributeValues: previous
            ? { ':previous': previous.segment, ':previousAt': previous.scoredAt }
            : undefined,
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
          Key: { pk: customerId, sk: SCORE_SK },
          ConsistentRead: true,
        }),
      );
      const previous = read.Item as StoredScore | undefined;
      if (previous && previous.scoredAt > run.scoredAt) return { stored: false };
      const next = nextStoredScore(customerId, score, run, previous);
      if (await putAfter(next, previous)) return written(next, run);
    }
    throw new Error(`score of customer ${customerId} kept changing under the write; retry the segment`);
  };

  return {
    async store(customerId, score, run, seen) {
      if (seen === undefined) {
        const unchanged = await updateInPlace(customerId, { ...score, segment: segmentOf(score), ...run });
        if (unchanged) return written(unchanged, run);
        return storeAfterReading(customerId, score, run);
      }
      if (seen !== null && seen.scoredAt > run.scoredAt) return { stored: false };
      const next = nextStoredScore(customerId, score, run, seen ?? undefined);
      if (seen !== null && storedScoreStands(seen, next, run)) {
        return { stored: true, written: false, segmentChanged: next.changedInRun === run.runId, score: next };
      }
      if (await putAfter(next, seen ?? undefined)) return written(next, run);
      return storeAfterReading(customerId, score, run);
    },
  };
};

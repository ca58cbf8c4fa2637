import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { isConditionFailure } from '../store/dynamo.js';
import type { ChurnScore } from './score.js';

export const SCORE_SK = 'score';

/** `<valueTier>/<riskBand>`, e.g. `high/medium`: what win-back audiences and `Customer Scored` are about. */
export const segmentOf = (score: Pick<ChurnScore, 'valueTier' | 'riskBand'>): string =>
  `${score.valueTier}/${score.riskBand}`;

/** The `customers` item pk=customerId, sk='score', rewritten by every nightly run. */
export interface StoredScore extends ChurnScore {
  customerId: string;
  segment: string;
  modelVersion: number;
  scoredAt: string;
  runId: string;
  /** The run that last moved the customer to another segment; a retried run finds itself here and re-emits. */
  changedInRun: string;
  previousSegment?: string;
}

export type StoreOutcome =
  | { stored: true; segmentChanged: boolean; score: StoredScore }
  /** A later run already stored a newer score. */
  | { stored: false };

export interface ScoreStore {
  /**
   * Writes the score only if the segment read a moment ago is still the stored one, so two writers
   * cannot both see "changed" (or both miss it). `segmentChanged` is also true on a retry of the run
   * that changed it, so the event is sent at least once.
   */
  store(
    customerId: string,
    score: ChurnScore,
    run: { modelVersion: number; runId: string; scoredAt: string },
  ): Promise<StoreOutcome>;
}

const MAX_ATTEMPTS = 5;

export const createScoreStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): ScoreStore => {
  /** Most nights most segments stay put: one conditional update, no read. Undefined when the segment moved. */
  const updateInPlace = async (
    customerId: string,
    fields: ChurnScore & { segment: string; modelVersion: number; runId: string; scoredAt: string },
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
      return result.Attributes as StoredScore;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  };

  return {
    async store(customerId, score, run) {
      const segment = segmentOf(score);
      const unchanged = await updateInPlace(customerId, { ...score, segment, ...run });
      if (unchanged) {
        const { pk: _pk, sk: _sk, ...stored } = unchanged as StoredScore & { pk?: string; sk?: string };
        return { stored: true, segmentChanged: stored.changedInRun === run.runId, score: stored };
      }
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
        const moved = previous?.segment !== segment;
        const changedInRun = moved ? run.runId : (previous?.changedInRun ?? run.runId);
        const previousSegment = moved ? previous?.segment : previous?.previousSegment;
        const stored: StoredScore = {
          customerId,
          ...score,
          segment,
          ...run,
          changedInRun,
          ...(previousSegment === undefined ? {} : { previousSegment }),
        };
        try {
          await db.send(
            new PutCommand({
              TableName: tables.customers,
              Item: { pk: customerId, sk: SCORE_SK, ...stored },
              ConditionExpression: previous
                ? '#segment = :previous AND scoredAt = :previousAt'
                : 'attribute_not_exists(pk)',
              ExpressionAttributeNames: previous ? { '#segment': 'segment' } : undefined,
              ExpressionAttributeValues: previous
                ? { ':previous': previous.segment, ':previousAt': previous.scoredAt }
                : undefined,
            }),
          );
          return { stored: true, segmentChanged: changedInRun === run.runId, score: stored };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      throw new Error(`score of customer ${customerId} kept changing under the write; retry the segment`);
    },
  };
};

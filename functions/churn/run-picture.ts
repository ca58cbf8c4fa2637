import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import * as z from '../shared/zod.js';
import { TTL_ATTRIBUTE } from '../store/tables.js';
import { AT_RISK_BELOW, type ChurnScore, type ValueTier } from './score.js';
import type { ScoringJob } from './scoring-run.js';

export const HISTOGRAM_BINS = 10;
const valueTiers = ['low', 'mid', 'high'] as const satisfies readonly ValueTier[];
export const PICTURE_PK = 'churn-picture';
/** Pictures older than this are only history; the dashboard shows the newest complete one. */
const KEEP_PICTURES_DAYS = 35;

/**
 * What one nightly run saw: customers per P(alive) bin and value tier, counted by the workers from
 * tonight's scores as they compute them. The dashboard reads this instead of every stored score.
 */
export interface ChurnPicture {
  customers: number;
  /** Customers with P(alive) below 0.5, as the dashboard labels it. */
  atRisk: number;
  tiers: Record<ValueTier, number[]>;
}

const counts = () => z.array(z.int().check(z.nonnegative())).check(z.length(HISTOGRAM_BINS));

/** The control item pk='churn-picture', sk='<runId>#<segment>': one worker's part of a run's picture. */
export const segmentPictureSchema = z.lazy(() =>
  z.object({
    runId: z.string(),
    segment: z.int().check(z.nonnegative()),
    totalSegments: z.int().check(z.positive()),
    modelVersion: z.int().check(z.positive()),
    customers: z.int().check(z.nonnegative()),
    atRisk: z.int().check(z.nonnegative()),
    tiers: z.object({ low: counts(), mid: counts(), high: counts() }),
  }),
);
export type SegmentPicture = z.infer<typeof segmentPictureSchema>;

export const emptyPicture = (): ChurnPicture => {
  const bins = () => Array.from({ length: HISTOGRAM_BINS }, () => 0);
  return { customers: 0, atRisk: 0, tiers: { low: bins(), mid: bins(), high: bins() } };
};

/** Lower edge of each bin: 0, 0.1, ... 0.9; the last bin includes 1. */
export const binEdges = (): number[] =>
  Array.from({ length: HISTOGRAM_BINS }, (_, index) => index / HISTOGRAM_BINS);

export const addToPicture = (
  picture: ChurnPicture,
  score: Pick<ChurnScore, 'pAlive' | 'valueTier'>,
): void => {
  const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(score.pAlive * HISTOGRAM_BINS)));
  picture.tiers[score.valueTier][bin]! += 1;
  picture.customers += 1;
  if (score.pAlive < AT_RISK_BELOW) picture.atRisk += 1;
};

const sumOf = (parts: readonly ChurnPicture[]): ChurnPicture => {
  const total = emptyPicture();
  for (const part of parts) {
    total.customers += part.customers;
    total.atRisk += part.atRisk;
    for (const tier of valueTiers) {
      part.tiers[tier].forEach((count, bin) => {
        total.tiers[tier][bin]! += count;
      });
    }
  }
  return total;
};

export interface RunPicture extends ChurnPicture {
  runId: string;
  modelVersion: number;
  segments: number;
}

export interface RunPictureStore {
  /** Stores one segment's part; a retried segment counts again from scratch and replaces it. */
  save(job: ScoringJob, picture: ChurnPicture): Promise<void>;
  /** The newest run whose every segment has stored its part; undefined before the first such run. */
  latest(): Promise<RunPicture | undefined>;
}

const pictureSortKey = (runId: string, segment: number) => `${runId}#${String(segment).padStart(6, '0')}`;

/** Gathers parts newest first and says when one run has a part from each of its segments. */
const runAssembler = () => {
  const byRun = new Map<string, Map<number, SegmentPicture>>();
  return (part: SegmentPicture): RunPicture | undefined => {
    const run = `${part.runId}|${part.totalSegments}`;
    const segments = byRun.get(run) ?? new Map<number, SegmentPicture>();
    segments.set(part.segment, part);
    byRun.set(run, segments);
    if (segments.size < part.totalSegments) return undefined;
    return {
      runId: part.runId,
      modelVersion: part.modelVersion,
      segments: part.totalSegments,
      ...sumOf([...segments.values()]),
    };
  };
};

export const createRunPictureStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): RunPictureStore => ({
  async save(job, picture) {
    const expiresAt = Math.floor(Date.parse(job.runId) / 1000) + KEEP_PICTURES_DAYS * 86_400;
    const part: SegmentPicture = {
      runId: job.runId,
      segment: job.segment,
      totalSegments: job.totalSegments,
      modelVersion: job.modelVersion,
      ...picture,
    };
    await db.send(
      new PutCommand({
        TableName: tables.control,
        Item: {
          pk: PICTURE_PK,
          sk: pictureSortKey(job.runId, job.segment),
          ...part,
          [TTL_ATTRIBUTE]: expiresAt,
        },
      }),
    );
  },
  async latest() {
    // Newest first: a run still in progress is passed over for the last complete one.
    const add = runAssembler();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tables.control,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': PICTURE_PK },
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const part = segmentPictureSchema.safeParse(item);
        const complete = part.success ? add(part.data) : undefined;
        if (complete) return complete;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return undefined;
  },
});

import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export type TransactOutcome = { ok: true } | { ok: false; failed: number[] };

export class LedgerContentionError extends Error {
  override name = 'LedgerContentionError';
}

const cancellationCodes = (error: unknown): string[] | undefined => {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  return reasons?.map((reason) => reason.Code ?? 'None') ?? [];
};

const isConflict = (error: unknown, codes: string[] | undefined): boolean =>
  (codes?.includes('TransactionConflict') ?? false) ||
  (error instanceof Error &&
    (error.name === 'TransactionConflictException' || error.name === 'TransactionInProgressException'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one small transaction. Conflicts with other transactions on a hot shard are retried with
 * jittered backoff; a lost condition is reported by the indexes of the items whose condition failed.
 */
export const transact = async (
  db: DynamoDBDocumentClient,
  items: TransactItems,
  { maxAttempts = 25 }: { maxAttempts?: number } = {},
): Promise<TransactOutcome> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes && !isConflict(error, codes)) {
        const failed = codes.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
        if (failed.length > 0) return { ok: false, failed };
      }
      if (!isConflict(error, codes)) throw error;
      if (attempt >= maxAttempts) {
        throw new LedgerContentionError(`transaction still conflicting after ${attempt} attempts`, {
          cause: error,
        });
      }
      await sleep(Math.random() * Math.min(250, 4 * 2 ** attempt));
    }
  }
};

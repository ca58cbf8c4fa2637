import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type KeyValue = string | { S?: string } | undefined;
type KeyLike = { pk?: KeyValue; sk?: KeyValue } | undefined;

const text = (value: KeyValue): string => (typeof value === 'string' ? value : (value?.S ?? ''));
const keyOf = (key: KeyLike): string | undefined =>
  key?.pk === undefined ? undefined : `${text(key.pk)}|${text(key.sk)}`;

interface WriteRequest {
  TableName?: string;
  Key?: KeyLike;
  Item?: KeyLike;
}

const writtenKeys = (input: Record<string, unknown>): string[] => {
  const transactItems = input.TransactItems as Array<Record<string, WriteRequest>> | undefined;
  const requests: WriteRequest[] = transactItems
    ? transactItems.flatMap((item) => Object.values(item))
    : [input as WriteRequest];
  return requests.flatMap((request) => {
    const key = keyOf(request.Key) ?? keyOf(request.Item);
    return key === undefined ? [] : [`${request.TableName ?? ''}|${key}`];
  });
};

const writeOperations = /^(PutItem|UpdateItem|DeleteItem|TransactWriteItems)Command$/;

/**
 * Counts write requests per item (`table|pk|sk`), whether they succeed or not: a lost condition or a
 * cancelled transaction still costs the item's partition a write. Shows how hot the hottest item is.
 */
export class ItemWriteCounter {
  readonly #writes = new Map<string, number>();

  attach(db: DynamoDBDocumentClient): void {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (writeOperations.test(context.commandName ?? '')) {
          for (const key of writtenKeys(args.input as Record<string, unknown>)) {
            this.#writes.set(key, (this.#writes.get(key) ?? 0) + 1);
          }
        }
        return next(args);
      },
      { step: 'initialize', name: 'benchItemWriteCounter', override: true },
    );
  }

  /** The most-written key among those `matching`, with its count. */
  busiest(matching: (key: string) => boolean): { key: string; writes: number } | undefined {
    let best: { key: string; writes: number } | undefined;
    for (const [key, writes] of this.#writes) {
      if (matching(key) && (!best || writes > best.writes)) best = { key, writes };
    }
    return best;
  }

  /** The `count` most-written items, most first. */
  top(count: number): Array<{ key: string; writes: number }> {
    return [...this.#writes]
      .map(([key, writes]) => ({ key, writes }))
      .sort((a, b) => b.writes - a.writes)
      .slice(0, count);
  }

  reset(): void {
    this.#writes.clear();
  }
}

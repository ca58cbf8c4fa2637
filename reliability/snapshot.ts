import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../functions/shared/deps.js';
import type { Item, TablesSnapshot } from './invariants/invariant.js';

const scanAll = async ({ db }: Pick<Deps, 'db'>, tableName: string): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/** Every item of the tables the invariants read. */
export const readSnapshot = async (deps: Pick<Deps, 'db' | 'tables'>): Promise<TablesSnapshot> => {
  const [customers, orders, messages, coupons, budgets, control] = await Promise.all(
    (['customers', 'orders', 'messages', 'coupons', 'budgets', 'control'] as const).map((table) =>
      scanAll(deps, deps.tables[table]),
    ),
  );
  return {
    customers: customers!,
    orders: orders!,
    messages: messages!,
    coupons: coupons!,
    budgets: budgets!,
    control: control!,
  };
};

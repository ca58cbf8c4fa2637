import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../shared/zod.js';
import type { TableNames } from '../store/tables.js';
import { switchStateSchema } from './switch-scope.js';

export const SWITCH_PK = 'switch';

export interface SwitchStoreDeps {
  db: DynamoDBDocumentClient;
  tables: Pick<TableNames, 'control'>;
}

/** A switch in the control table: pk='switch', sk=scope. */
export const switchRecordSchema = z.lazy(() =>
  z.object({
    scope: z.string(),
    state: switchStateSchema,
    reason: z.optional(z.string()),
    actor: z.string(),
    at: z.string(),
    /** Machine-readable context of an automatic stop, e.g. the budget scope that ran out. */
    detail: z.optional(z.record(z.string(), z.unknown())),
  }),
);
export type SwitchRecord = z.infer<typeof switchRecordSchema>;

export const readAllSwitches = async (deps: SwitchStoreDeps): Promise<Map<string, SwitchRecord>> => {
  const switches = new Map<string, SwitchRecord>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new QueryCommand({
        TableName: deps.tables.control,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': SWITCH_PK },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const parsed = switchRecordSchema.safeParse(item);
      // An unreadable switch is left out, and a missing switch means stop.
      if (parsed.success) switches.set(parsed.data.scope, parsed.data);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return switches;
};

/** One switch, read consistently; undefined when missing or unreadable. */
export const readSwitch = async (deps: SwitchStoreDeps, scope: string): Promise<SwitchRecord | undefined> => {
  const found = await deps.db.send(
    new GetCommand({
      TableName: deps.tables.control,
      Key: { pk: SWITCH_PK, sk: scope },
      ConsistentRead: true,
    }),
  );
  const parsed = switchRecordSchema.safeParse(found.Item);
  return parsed.success ? parsed.data : undefined;
};

import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../shared/zod.js';
import type { SwitchStoreDeps } from './switch-store.js';

/** The control table's audit log partition, shared with rule publishing. */
export const AUDIT_PK = 'audit';

export const switchAuditSchema = z.lazy(() =>
  z.object({
    type: z.literal('switch.changed'),
    scope: z.string(),
    from: z.string(),
    to: z.string(),
    reason: z.optional(z.string()),
    actor: z.string(),
    at: z.string(),
  }),
);
export type SwitchAudit = z.infer<typeof switchAuditSchema>;

export const recordSwitchAudit = async (
  deps: SwitchStoreDeps,
  entry: Omit<SwitchAudit, 'type'>,
): Promise<void> => {
  await deps.db.send(
    new PutCommand({
      TableName: deps.tables.control,
      Item: {
        pk: AUDIT_PK,
        sk: `${entry.at}#switch#${entry.scope}#${randomUUID().slice(0, 8)}`,
        type: 'switch.changed',
        ...entry,
      },
    }),
  );
};

/** Switch changes, newest first. */
export const listSwitchAudit = async (
  deps: SwitchStoreDeps,
  { limit = 100 } = {},
): Promise<SwitchAudit[]> => {
  const page = await deps.db.send(
    new QueryCommand({
      TableName: deps.tables.control,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':pk': AUDIT_PK, ':type': 'switch.changed' },
      ScanIndexForward: false,
    }),
  );
  return (page.Items ?? []).slice(0, limit).map((item) => switchAuditSchema.parse(item));
};

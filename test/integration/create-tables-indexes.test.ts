import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { expect, inject, it } from 'vitest';
import { createStatsSource } from '../../functions/churn/stats-scan.js';
import { createDocumentClient } from '../../functions/store/dynamo.js';
import { localTableNames } from '../../functions/store/tables.js';
import { createTables, localDynamoClient } from '../../local/dynamo/create-tables.js';

it('adds the stats index to a customers table made before it existed, with the items already there', async () => {
  const endpoint = inject('dynamoEndpoint');
  const tables = localTableNames(`old${randomUUID().slice(0, 6)}`);
  const admin = localDynamoClient(endpoint);
  await admin.send(
    new CreateTableCommand({
      TableName: tables.customers,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  const db = createDocumentClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  await db.send(
    new PutCommand({
      TableName: tables.customers,
      Item: {
        pk: 'c1',
        sk: 'stats',
        customerId: 'c1',
        firstOrderAt: '2025-01-01T00:00:00.000Z',
        lastOrderAt: '2025-01-01T00:00:00.000Z',
        orders: 1,
        purchaseDays: 1,
        totalSpent: 100,
        meanGapDays: null,
        version: 1,
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
    }),
  );
  await createTables(admin, tables, { ttl: false });
  const rows = [];
  for await (const page of createStatsSource({ db, tables }).segment({ segment: 0, totalSegments: 1 }))
    rows.push(...page);
  expect(rows.map((row) => row.customerId)).toEqual(['c1']);
  // Building an index waits for DynamoDB Local, which the whole suite shares and keeps busy.
}, 120_000);

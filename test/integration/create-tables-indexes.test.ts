import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { expect, inject, it } from 'vitest';
import { localTableNames } from '../../functions/store/tables.js';
import { createTables, localDynamoClient } from '../../local/dynamo/create-tables.js';

it('refuses a customers table made before the stats index existed, and says how to start afresh', async () => {
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

  const started = createTables(admin, tables, { ttl: false });

  await expect(started).rejects.toThrow(/lacks the index statsByCustomer.*npm start -- --fresh/);
  await expect(
    createTables(admin, localTableNames(`new${randomUUID().slice(0, 6)}`)),
  ).resolves.toBeUndefined();
});

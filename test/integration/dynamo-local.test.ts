import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshTables } from '../support/dynamo.js';

describe('DynamoDB Local', () => {
  it('stores and reads back an item over HTTP in a freshly created table', async () => {
    const { db, tables } = await freshTables();

    await db.send(
      new PutCommand({ TableName: tables.control, Item: { pk: 'probe', sk: 'probe', value: 42 } }),
    );
    const read = await db.send(
      new GetCommand({ TableName: tables.control, Key: { pk: 'probe', sk: 'probe' } }),
    );

    expect(read.Item?.value).toBe(42);
  });
});

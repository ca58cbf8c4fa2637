import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { isConditionFailure } from '../store/dynamo.js';
import { generateKeyring, type Keyring, type KeyringSource, keyringSchema } from './keyring.js';

const KEY = { pk: 'secret', sk: 'unsubscribe-keys' };

/**
 * The local runtime's keys: generated on first use and kept in the control table, which lives in
 * the data directory, so links stay valid across restarts of the same data directory.
 */
export const controlTableKeyring = ({
  db,
  tables,
  clock,
}: Pick<Deps, 'db' | 'tables' | 'clock'>): KeyringSource => {
  const read = async (): Promise<Keyring | undefined> => {
    const result = await db.send(
      new GetCommand({ TableName: tables.control, Key: KEY, ConsistentRead: true }),
    );
    return result.Item ? keyringSchema().parse(result.Item.keyring) : undefined;
  };
  return {
    async load() {
      const stored = await read();
      if (stored) return stored;
      const keyring = generateKeyring(clock.now());
      try {
        await db.send(
          new PutCommand({
            TableName: tables.control,
            Item: { ...KEY, keyring },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return keyring;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Another process generated the keys first; use theirs.
        const winner = await read();
        if (!winner) throw error;
        return winner;
      }
    },
  };
};

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { controlTableKeyring } from '../../../functions/unsubscribe/control-table-keyring.js';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../../functions/unsubscribe/token.js';
import { freshTables } from '../../support/dynamo.js';

describe('local unsubscribe keys (DynamoDB Local)', () => {
  it('generates one keyring per data directory, even when several processes ask at once', async () => {
    const dynamo = await freshTables();
    const clock = new VirtualClock(new Date('2030-01-01T00:00:00Z'));

    const keyrings = await Promise.all(
      Array.from({ length: 5 }, () => controlTableKeyring({ ...dynamo, clock }).load()),
    );
    const later = await controlTableKeyring({ ...dynamo, clock }).load();

    expect(new Set(keyrings.map((keyring) => keyring.current)).size).toBe(1);
    expect(later).toEqual(keyrings[0]);
  });

  it('verifies after a restart a link signed before it', async () => {
    const dynamo = await freshTables();
    const clock = new VirtualClock(new Date('2030-01-01T00:00:00Z'));
    const token = signUnsubscribeToken(await controlTableKeyring({ ...dynamo, clock }).load(), {
      customerId: 'c-1',
      scope: 'all',
    });

    const afterRestart = await controlTableKeyring({ ...dynamo, clock }).load();

    expect(verifyUnsubscribeToken(afterRestart, token, clock.now())).toEqual({
      valid: true,
      claim: { customerId: 'c-1', scope: 'all' },
    });
  });
});

import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { publishRuleSet, rollbackRuleSet } from '../../../functions/rules/publish.js';
import { createRuleCache } from '../../../functions/rules/rule-cache.js';
import {
  createDynamoRuleStore,
  PublishConflictError,
  RuleSetTooLargeError,
  type RuleVersionStore,
} from '../../../functions/rules/rule-store.js';
import type { RuleSet } from '../../../functions/rules/schema/index.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { freshTables, type TestDynamo } from '../../support/dynamo.js';
import { exampleRuleSet } from '../../unit/rules/example-rules.js';

const withHoldout = (ruleSet: RuleSet, holdoutPercent: number): RuleSet => ({
  ...ruleSet,
  campaigns: ruleSet.campaigns.map((campaign) =>
    campaign.id === 'cart-recall' ? { ...campaign, holdoutPercent } : campaign,
  ),
});

describe('publishing rule sets to DynamoDB', () => {
  let dynamo: TestDynamo;
  let store: RuleVersionStore;
  let clock: VirtualClock;
  let rules: RuleSet;

  beforeEach(async () => {
    dynamo = await freshTables();
    store = createDynamoRuleStore({ db: dynamo.db, tableName: dynamo.tables.control });
    clock = new VirtualClock(new Date('2025-03-01T10:00:00Z'));
    rules = await exampleRuleSet();
  });

  it('stores each publish as a new immutable version with an audit entry, newest first in history', async () => {
    const first = await publishRuleSet({ store, clock }, rules, { actor: 'maria' });
    clock.set(new Date('2025-03-01T11:00:00Z'));
    const second = await publishRuleSet({ store, clock }, withHoldout(rules, 5), { actor: 'li' });

    const history = await store.history(10);
    const audit = await dynamo.db.send(
      new QueryCommand({
        TableName: dynamo.tables.control,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'audit' },
      }),
    );

    expect(first).toMatchObject({ published: true, version: 1, description: 'first version' });
    expect(second).toMatchObject({ published: true, version: 2, description: 'campaigns: ~cart-recall' });
    expect(history.map((entry) => [entry.version, entry.actor, entry.publishedAt])).toEqual([
      [2, 'li', '2025-03-01T11:00:00.000Z'],
      [1, 'maria', '2025-03-01T10:00:00.000Z'],
    ]);
    expect(await store.readActive()).toEqual({ version: 2, hash: second.hash });
    expect(await store.getVersion(1)).toEqual(rules);
    expect(audit.Items?.map((item) => [item.type, item.version, item.actor, item.hash])).toEqual([
      ['rules.published', 1, 'maria', first.hash],
      ['rules.published', 2, 'li', second.hash],
    ]);
    expect(audit.Items?.[1]?.summary.campaigns.changed).toEqual(['cart-recall']);
  });

  it('stores the content compressed, well under the 400 KB item limit', async () => {
    await publishRuleSet({ store, clock }, rules, { actor: 'maria' });

    const { Item } = await dynamo.db.send(
      new GetCommand({ TableName: dynamo.tables.control, Key: { pk: 'rules', sk: 'v#000001' } }),
    );

    const content = Item?.content as Uint8Array;
    expect(content).toBeInstanceOf(Uint8Array);
    expect(Item?.compressedBytes).toBe(content.byteLength);
    expect(content.byteLength).toBeLessThan(JSON.stringify(rules).length / 3);
  });

  it('does nothing when the content is the same as the active version', async () => {
    const first = await publishRuleSet({ store, clock }, rules, { actor: 'maria' });

    const again = await publishRuleSet({ store, clock }, structuredClone(rules), { actor: 'li' });

    expect(again).toEqual({ published: false, version: 1, hash: first.hash, description: 'unchanged' });
    expect(await store.history(10)).toHaveLength(1);
  });

  it('lets only one of two concurrent publishes of different content win', async () => {
    await publishRuleSet({ store, clock }, rules, { actor: 'maria' });

    const results = await Promise.allSettled([
      publishRuleSet({ store, clock }, withHoldout(rules, 5), { actor: 'a' }),
      publishRuleSet({ store, clock }, withHoldout(rules, 6), { actor: 'b' }),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(PublishConflictError);
    expect((await store.history(10)).map((entry) => entry.version)).toEqual([2, 1]);
  });

  it('rolls back by publishing a copy of an old version as the newest, audited as a rollback', async () => {
    await publishRuleSet({ store, clock }, rules, { actor: 'maria' });
    await publishRuleSet({ store, clock }, withHoldout(rules, 5), { actor: 'li' });

    const result = await rollbackRuleSet({ store, clock }, 1, 'maria');

    expect(result).toMatchObject({ published: true, version: 3, description: 'campaigns: ~cart-recall' });
    expect(await store.getVersion(3)).toEqual(rules);
    expect((await store.history(1))[0]).toMatchObject({ version: 3, source: 'rollback', rolledBackFrom: 1 });
  });

  it('refuses a rule set too large for one DynamoDB item, with a clear message, and writes nothing', async () => {
    const huge = structuredClone(rules);
    for (const versions of Object.values(huge.templates)) {
      for (const version of Object.values(versions)) version.html = randomBytes(60_000).toString('base64');
    }

    await expect(publishRuleSet({ store, clock }, huge, { actor: 'maria' })).rejects.toThrow(
      RuleSetTooLargeError,
    );
    await expect(publishRuleSet({ store, clock }, huge, { actor: 'maria' })).rejects.toThrow(
      /KB even compressed; one version may be at most 350 KB/,
    );
    expect(await store.readActive()).toBeUndefined();
  });

  it('hot reload: handlers see a newly published version within 5 seconds', async () => {
    const cache = createRuleCache({ store, clock, maxAgeMs: 5000 });
    await publishRuleSet({ store, clock }, rules, { actor: 'maria' });
    expect((await cache.active()).version).toBe(1);

    clock.set(new Date('2025-03-01T10:00:01Z'));
    await publishRuleSet({ store, clock }, withHoldout(rules, 0), { actor: 'li' });
    const justAfter = await cache.active();
    clock.set(new Date('2025-03-01T10:00:05Z'));
    const fiveSecondsLater = await cache.active();

    expect(justAfter.version).toBe(1);
    expect(fiveSecondsLater.version).toBe(2);
    expect(
      fiveSecondsLater.rules.campaigns.find((campaign) => campaign.id === 'cart-recall')?.holdoutPercent,
    ).toBe(0);
  });
});

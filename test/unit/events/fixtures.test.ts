import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventBridgeEnvelopeSchema } from '../../../functions/events/envelope.js';
import {
  SHOP_SOURCE,
  type ShopDetailType,
  shopDetailSchemas,
  shopDetailTypes,
} from '../../../functions/events/shop-events.js';

const fixturesDir = join(import.meta.dirname, '..', '..', 'events');
const fixtures = readdirSync(fixturesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, event: JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as unknown }));

describe('event fixtures', () => {
  it.each(fixtures)('$file is a full EventBridge envelope whose detail matches its schema', ({ event }) => {
    const envelope = eventBridgeEnvelopeSchema.parse(event);

    const detail = shopDetailSchemas[envelope['detail-type'] as ShopDetailType]?.safeParse(envelope.detail);

    expect(envelope.source).toBe(SHOP_SOURCE);
    expect(detail?.error).toBeUndefined();
    expect(detail?.success).toBe(true);
  });

  it('has one fixture for every shop detail-type', () => {
    const covered = fixtures.map(({ event }) => eventBridgeEnvelopeSchema.parse(event)['detail-type']).sort();

    expect(covered).toEqual([...shopDetailTypes].sort());
  });
});

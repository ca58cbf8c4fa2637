import { describe, expect, it } from 'vitest';
import { renderSchemas, staleSchemaFiles } from '../../../scripts/generate-schemas.js';

describe('generated JSON Schemas', () => {
  it('match the checked-in files (regenerate with: npx tsx scripts/generate-schemas.ts)', async () => {
    const stale = await staleSchemaFiles();

    expect(stale).toEqual([]);
  });

  it('describe the Cart Updated detail with money as integers and no unknown fields', () => {
    const cart = JSON.parse(renderSchemas().get('schemas/events/cart-updated.schema.json') ?? '{}');

    expect(cart.additionalProperties).toBe(false);
    expect(cart.properties.subtotal.type).toBe('integer');
    expect(cart.required).toContain('updatedAt');
  });
});

import { describe, expect, it } from 'vitest';
import { addToPicture, binEdges, emptyPicture } from '../../../functions/churn/run-picture.js';

describe("a night's churn picture", () => {
  it('counts each score in its P(alive) tenth and value tier, with 1.0 in the top bin', () => {
    const picture = emptyPicture();

    addToPicture(picture, { pAlive: 0.05, valueTier: 'high' });
    addToPicture(picture, { pAlive: 0.55, valueTier: 'high' });
    addToPicture(picture, { pAlive: 1, valueTier: 'low' });
    addToPicture(picture, { pAlive: 0.45, valueTier: 'mid' });

    expect(picture.customers).toBe(4);
    expect(picture.atRisk).toBe(2);
    expect(picture.tiers.high).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(picture.tiers.mid[4]).toBe(1);
    expect(picture.tiers.low[9]).toBe(1);
    expect(binEdges()[3]).toBeCloseTo(0.3, 12);
  });
});

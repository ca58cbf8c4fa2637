import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../../functions/rules/suggest.js';

describe('closestMatch', () => {
  const keys = ['holdoutPercent', 'steps', 'budget', 'roiFloor', 'reentryCooldown'];

  it('finds the key a typo meant: a missing letter, a swap, different case', () => {
    expect(closestMatch('holdoutPercnt', keys)).toBe('holdoutPercent');
    expect(closestMatch('bugdet', keys)).toBe('budget');
    expect(closestMatch('ROIfloor', keys)).toBe('roiFloor');
  });

  it('guesses nothing when no key is close', () => {
    expect(closestMatch('discountCode', keys)).toBeUndefined();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('steps', 'setps')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

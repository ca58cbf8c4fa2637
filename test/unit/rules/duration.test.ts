import { describe, expect, it } from 'vitest';
import { describeDuration, durationToMs } from '../../../functions/rules/schema/duration.js';

describe('durationToMs', () => {
  it('reads weeks, days, hours, minutes and seconds', () => {
    expect(durationToMs('PT4H')).toBe(4 * 3_600_000);
    expect(durationToMs('P1DT12H')).toBe(36 * 3_600_000);
    expect(durationToMs('P2W')).toBe(14 * 86_400_000);
    expect(durationToMs('PT90M')).toBe(5_400_000);
    expect(durationToMs('P0D')).toBe(0);
  });

  it('refuses months, years, empty parts and plain words', () => {
    for (const text of ['P1M', 'P1Y', 'P', 'PT', 'P1DT', '4h', 'PT-1H'])
      expect(durationToMs(text)).toBeUndefined();
  });

  it('describes a duration the way people say it', () => {
    expect(describeDuration(3 * 86_400_000)).toBe('3 days');
    expect(describeDuration(3_600_000)).toBe('1 hour');
    expect(describeDuration(1_800_000)).toBe('30 minutes');
  });
});

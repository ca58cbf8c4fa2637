import { describe, expect, it } from 'vitest';
import { endOfQuietHours, isQuietAt } from '../../../functions/send/quiet-hours.js';
import { instantAtWallTime } from '../../../functions/send/zoned-time.js';

const quiet = { start: '21:00', end: '08:00' };

describe('quiet hours', () => {
  it.each([
    ['2030-06-01T12:00:00Z', 'Asia/Shanghai', '2030-06-01T12:00:00Z'], // 20:00 in Shanghai: allowed
    ['2030-06-01T13:00:00Z', 'Asia/Shanghai', '2030-06-02T00:00:00Z'], // 21:00 -> 08:00 next day
    ['2030-06-01T16:00:00Z', 'Asia/Shanghai', '2030-06-02T00:00:00Z'], // midnight -> 08:00 same day
    ['2030-06-01T23:59:00Z', 'Asia/Shanghai', '2030-06-02T00:00:00Z'], // 07:59 -> 08:00
    ['2030-06-02T00:00:00Z', 'Asia/Shanghai', '2030-06-02T00:00:00Z'], // 08:00 exactly: allowed
    ['2030-06-01T02:00:00Z', 'America/Los_Angeles', '2030-06-01T02:00:00Z'], // 19:00 PDT: allowed
    ['2030-06-01T05:00:00Z', 'America/Los_Angeles', '2030-06-01T15:00:00Z'], // 22:00 PDT -> 08:00 PDT
  ])('moves %s in %s to %s', (at, timeZone, expected) => {
    const instant = new Date(at);

    const allowed = endOfQuietHours(instant, timeZone, quiet);

    expect(allowed.toISOString()).toBe(new Date(expected).toISOString());
  });

  it('ends quiet hours at 08:00 local time across the spring-forward night (New York, 2030-03-10)', () => {
    const lateEvening = new Date('2030-03-10T02:00:00Z'); // 21:00 EST on 9 March

    const allowed = endOfQuietHours(lateEvening, 'America/New_York', quiet);

    expect(allowed.toISOString()).toBe('2030-03-10T12:00:00.000Z'); // 08:00 EDT
  });

  it('ends quiet hours at 08:00 local time across the fall-back night (Berlin, 2030-10-27)', () => {
    const lateEvening = new Date('2030-10-26T19:30:00Z'); // 21:30 CEST on 26 October

    const allowed = endOfQuietHours(lateEvening, 'Europe/Berlin', quiet);

    expect(allowed.toISOString()).toBe('2030-10-27T07:00:00.000Z'); // 08:00 CET
  });

  it('reads quiet hours that do not span midnight', () => {
    expect(isQuietAt(new Date('2030-06-01T13:30:00Z'), 'UTC', { start: '13:00', end: '14:00' })).toBe(true);
    expect(isQuietAt(new Date('2030-06-01T14:00:00Z'), 'UTC', { start: '13:00', end: '14:00' })).toBe(false);
  });

  it('maps a wall time skipped by the spring-forward gap to the same time after the gap', () => {
    const skipped = { year: 2030, month: 3, day: 10, hour: 2, minute: 30, second: 0 };

    expect(instantAtWallTime(skipped, 'America/New_York').toISOString()).toBe('2030-03-10T07:30:00.000Z');
  });

  it('maps a repeated fall-back wall time to its first occurrence', () => {
    const repeated = { year: 2030, month: 11, day: 3, hour: 1, minute: 30, second: 0 };

    expect(instantAtWallTime(repeated, 'America/New_York').toISOString()).toBe('2030-11-03T05:30:00.000Z');
  });
});

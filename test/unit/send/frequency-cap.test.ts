import { describe, expect, it } from 'vitest';
import { earliestUnderCap } from '../../../functions/send/frequency-cap.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const cap = { minGapMs: 16 * HOUR, maxPer7Days: 5 };
const now = new Date('2030-01-10T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('frequency cap', () => {
  it('allows an email at once when nothing was sent', () => {
    expect(earliestUnderCap([], now, cap)).toEqual(now);
  });

  it('waits 16 hours after the last email', () => {
    expect(earliestUnderCap([ago(10 * HOUR)], now, cap)).toEqual(new Date(now.getTime() + 6 * HOUR));
  });

  it('allows an email exactly 16 hours after the last one', () => {
    expect(earliestUnderCap([ago(16 * HOUR)], now, cap)).toEqual(now);
  });

  it('waits until the oldest of five emails in 7 days leaves the window', () => {
    const sent = [ago(6 * DAY), ago(5 * DAY), ago(4 * DAY), ago(3 * DAY), ago(2 * DAY)];

    const allowed = earliestUnderCap(sent, now, cap);

    expect(allowed).toEqual(new Date(now.getTime() + DAY));
  });

  it('ignores emails older than 7 days', () => {
    const sent = [ago(10 * DAY), ago(9 * DAY), ago(8 * DAY), ago(7 * DAY), ago(2 * DAY)];

    expect(earliestUnderCap(sent, now, cap)).toEqual(now);
  });
});

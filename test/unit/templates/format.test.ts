import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney } from '../../../functions/templates/format.js';

describe('formatMoney', () => {
  it('turns integer minor units into money for the locale and currency', () => {
    expect(formatMoney(1999, 'USD', 'en-US')).toBe('$19.99');
    expect(formatMoney(1999, 'USD', 'zh-CN')).toBe('US$19.99');
    expect(formatMoney(1999, 'CNY', 'zh-CN')).toBe('¥19.99');
    expect(formatMoney(1999, 'EUR', 'de-DE')).toBe('19,99\u00a0€');
  });

  it('knows currencies without minor units', () => {
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
  });
});

describe('formatDateTime', () => {
  it('shows the instant in the customer time zone and language', () => {
    expect(formatDateTime('2025-03-04T10:00:00Z', 'en-US', 'America/New_York')).toMatch(
      /^Mar 4, 2025, 5:00\sAM$/,
    );
    expect(formatDateTime('2025-03-04T10:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2025年3月4日 18:00');
  });
});

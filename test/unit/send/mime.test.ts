import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { buildMime, type MimeEmail } from '../../../functions/send/mime.js';

const email = (overrides: Partial<MimeEmail> = {}): MimeEmail => ({
  from: { name: 'Tea & Cups "Shop"', email: 'hello@shop.example.com' },
  to: 'ann@example.com',
  subject: 'You left something in your cart',
  text: 'Your cart: 2 x Oolong tea\nhttps://shop.example.com/checkout',
  html: '<p>Your cart: 2 &times; Oolong tea</p>',
  messageId: 'a1b2c3@shop.example.com',
  date: new Date('2030-03-05T15:00:00Z'),
  unsubscribeUrl: 'https://nudge.example.com/unsubscribe?token=k1.abc.def',
  configurationSet: 'nudge-prod',
  tags: { campaign: 'cart-recall', customer: 'Y3VzdC0x', step: '2' },
  ...overrides,
});

const header = (parsed: { headers: Array<{ key: string; value: string }> }, name: string) =>
  parsed.headers.find((candidate) => candidate.key === name.toLowerCase())?.value;

describe('MIME message', () => {
  it('carries the text and the HTML part and the headers mail providers require', async () => {
    const raw = buildMime(email());

    const parsed = await PostalMime.parse(raw);

    expect(parsed.text?.trim()).toBe('Your cart: 2 x Oolong tea\nhttps://shop.example.com/checkout');
    expect(parsed.html?.trim()).toBe('<p>Your cart: 2 &times; Oolong tea</p>');
    expect(parsed.subject).toBe('You left something in your cart');
    expect(parsed.from).toMatchObject({ name: 'Tea & Cups "Shop"', address: 'hello@shop.example.com' });
    expect(parsed.to?.[0]?.address).toBe('ann@example.com');
    expect(parsed.messageId).toBe('<a1b2c3@shop.example.com>');
    expect(parsed.date).toBe('2030-03-05T15:00:00.000Z');
    expect(header(parsed, 'List-Unsubscribe')).toBe(
      '<https://nudge.example.com/unsubscribe?token=k1.abc.def>',
    );
    expect(header(parsed, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(parsed, 'X-SES-CONFIGURATION-SET')).toBe('nudge-prod');
    expect(header(parsed, 'X-SES-MESSAGE-TAGS')).toBe('campaign=cart-recall, customer=Y3VzdC0x, step=2');
    expect(header(parsed, 'Content-Type')).toMatch(/^multipart\/alternative;/);
  });

  it('encodes a Chinese subject, sender name and body so they arrive intact', async () => {
    const subject = '您的购物车里还有商品等着您，现在结账即可享受优惠，别错过这次机会！';
    const raw = buildMime(
      email({
        subject,
        from: { name: '茶杯小店', email: 'hello@shop.example.com' },
        text: '乌龙茶 × 2，¥128.00',
        html: '<p>乌龙茶 × 2，¥128.00</p>',
      }),
    );

    const parsed = await PostalMime.parse(raw);

    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.name).toBe('茶杯小店');
    expect(parsed.text?.trim()).toBe('乌龙茶 × 2，¥128.00');
    expect(parsed.html?.trim()).toBe('<p>乌龙茶 × 2，¥128.00</p>');
  });

  it('keeps every header line within 78 characters and the message ASCII-only', () => {
    const raw = buildMime(email({ subject: '购物车提醒'.repeat(12) }));

    const [head] = raw.split('\r\n\r\n');
    const longLines = head!
      .split('\r\n')
      .filter((line) => line.length > 78 && !line.startsWith('List-Unsubscribe:'));

    expect(longLines).toEqual([]);
    expect([...raw].every((character) => character.charCodeAt(0) < 128)).toBe(true);
  });

  it('cannot be broken into extra headers by a line break in the subject', async () => {
    const raw = buildMime(email({ subject: 'Hello\r\nBcc: victim@example.com' }));

    const parsed = await PostalMime.parse(raw);

    expect(header(parsed, 'Bcc')).toBeUndefined();
  });
});

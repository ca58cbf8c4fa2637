import { describe, expect, it } from 'vitest';
import type { EmailData } from '../../../functions/templates/email-data.js';
import { renderEmail, TemplateNotFoundError } from '../../../functions/templates/render-email.js';
import { exampleRuleSet } from '../rules/example-rules.js';

const cartData = (
  firstName: string,
  items: Array<{ name: string; unitPrice: number; quantity: number }>,
): EmailData => ({
  customer: { firstName },
  timeZone: 'Asia/Shanghai',
  cart: {
    currency: 'USD',
    items,
    subtotal: items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0),
  },
  checkoutUrl: 'https://maplemoss.example/cart/c-123',
  coupon: {
    code: 'K7QM-3XD9-PW2H-T',
    expiresAt: '2025-03-04T10:00:00Z',
    value: { kind: 'percent_off', percent: 15, maxDiscount: 2000 },
  },
  unsubscribeUrl: 'https://maplemoss.example/unsubscribe?token=abc',
});

/** ICU versions differ in the space before AM/PM; snapshots should not. */
const sameSpaces = (text: string) => text.replace(/\u202f/g, ' ');

describe('renderEmail', () => {
  it('renders the English cart reminder with prices and dates for the locale (snapshot)', async () => {
    const ruleSet = await exampleRuleSet();

    const email = renderEmail(
      ruleSet,
      'cart-reminder-2',
      'en-US',
      cartData('Alex', [
        { name: 'Linen throw pillow', unitPrice: 3400, quantity: 2 },
        { name: 'Stoneware mug set', unitPrice: 2800, quantity: 1 },
      ]),
    );

    expect(email.locale).toBe('en');
    expect(email.subject).toBe('Your cart is waiting, with 15% off (up to $20.00)');
    expect(email.html).toContain('$68.00');
    expect(email.html).toMatch(/Mar 4, 2025, 6:00\sPM/);
    expect(sameSpaces(email.html)).toMatchSnapshot();
    expect(sameSpaces(email.text)).toMatchSnapshot();
  });

  it('renders the Chinese cart reminder for zh-Hans-CN (snapshot)', async () => {
    const ruleSet = await exampleRuleSet();

    const email = renderEmail(
      ruleSet,
      'cart-reminder-2',
      'zh-Hans-CN',
      cartData('小雨', [{ name: '亚麻抱枕', unitPrice: 3400, quantity: 2 }]),
    );

    expect(email.locale).toBe('zh-CN');
    expect(email.html).toContain('<html lang="zh-CN">');
    expect(email.html).toContain('8.5 折（最多优惠 US$20.00）');
    expect(email.html).toContain('2025年3月4日');
    expect(sameSpaces(email.html)).toMatchSnapshot();
    expect(sameSpaces(email.text)).toMatchSnapshot();
  });

  it('HTML-escapes values from the shop in the HTML but not in the plain text', async () => {
    const ruleSet = await exampleRuleSet();

    const email = renderEmail(
      ruleSet,
      'cart-reminder-1',
      'en',
      cartData('<script>alert(1)</script>', [{ name: 'Mugs & "cups"', unitPrice: 100, quantity: 1 }]),
    );

    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt;');
    expect(email.html).toContain('Mugs &amp; &quot;cups&quot;');
    expect(email.text).toContain('Mugs & "cups"');
  });

  it('puts the postal address and the unsubscribe link in every email', async () => {
    const ruleSet = await exampleRuleSet();

    for (const locale of ['en', 'zh-CN']) {
      const email = renderEmail(ruleSet, 'win-back', locale, cartData('', []));
      expect(email.html).toContain('2150 Harbor Way');
      expect(email.html).toContain(
        'href="https:&#x2F;&#x2F;maplemoss.example&#x2F;unsubscribe?token&#x3D;abc"',
      );
      expect(email.text).toContain('https://maplemoss.example/unsubscribe?token=abc');
    }
  });

  it('leaves out the greeting name when the customer has none', async () => {
    const ruleSet = await exampleRuleSet();

    const email = renderEmail(ruleSet, 'win-back-vip', 'en', cartData('', []));

    expect(email.subject).toBe('We miss you: a thank-you gift inside');
    expect(email.text.startsWith('Hi,')).toBe(true);
  });

  it.each([
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR', 'en'],
    ['not a locale', 'en'],
    [undefined, 'en'],
  ])('uses the %s customer the %s template', async (requested, expected) => {
    const ruleSet = await exampleRuleSet();

    expect(renderEmail(ruleSet, 'cart-reminder-1', requested, cartData('A', [])).locale).toBe(expected);
  });

  it('falls back to the shop default locale, not to en, for an unknown locale', async () => {
    const ruleSet = await exampleRuleSet();
    ruleSet.settings.defaultLocale = 'zh-CN';

    expect(renderEmail(ruleSet, 'cart-reminder-1', 'de-DE', cartData('A', [])).locale).toBe('zh-CN');
  });

  it('refuses a template id the rule set does not have', async () => {
    const ruleSet = await exampleRuleSet();

    expect(() => renderEmail(ruleSet, 'nope', 'en', cartData('A', []))).toThrow(TemplateNotFoundError);
  });
});

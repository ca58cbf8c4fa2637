import Mustache from 'mustache';
import type { RuleSet } from '../rules/schema/index.js';
import type { EmailData } from './email-data.js';
import { formatDateTime, formatMoney } from './format.js';
import { htmlLayout, textFooter } from './layout.js';
import { formattingLocale, resolveTemplateLocale } from './locale.js';
import { phrasesFor } from './phrases.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The template locale actually used, after fallback. */
  locale: string;
}

export class TemplateNotFoundError extends Error {
  override name = 'TemplateNotFoundError';
}

const plain = { escape: (value: unknown) => String(value) };

/** The variables of variables.ts, formatted for one locale; plain data only, so no template runs code. */
const buildView = (
  ruleSet: RuleSet,
  data: EmailData,
  templateLocale: string,
  requested: string | undefined,
) => {
  const { settings } = ruleSet;
  const locale = formattingLocale(requested, templateLocale);
  const currency = data.cart?.currency ?? settings.currency;
  const money = (minorUnits: number) => formatMoney(minorUnits, currency, locale);
  const phrases = phrasesFor(templateLocale);
  const sender = { name: settings.sender.name, postalAddress: settings.postalAddress };
  return {
    lang: templateLocale,
    customer: { firstName: data.customer?.firstName ?? '' },
    cart: data.cart && {
      items: data.cart.items.map((item) => ({
        name: item.name,
        quantity: item.quantity,
        formattedPrice: money(item.unitPrice),
        formattedTotal: money(item.unitPrice * item.quantity),
        imageUrl: item.imageUrl ?? '',
        url: item.url ?? '',
      })),
      itemCount: data.cart.items.reduce((count, item) => count + item.quantity, 0),
      formattedSubtotal: money(data.cart.subtotal),
    },
    checkoutUrl: data.checkoutUrl ?? '',
    shopUrl: settings.shopUrl ?? '',
    coupon: data.coupon && {
      code: data.coupon.code,
      formattedValue: phrases.couponValue(data.coupon.value, money),
      expiresAt: formatDateTime(data.coupon.expiresAt, locale, data.timeZone ?? settings.timeZone),
    },
    sender,
    unsubscribeUrl: data.unsubscribeUrl,
    footerReason: phrases.footerReason(settings.sender.name),
    unsubscribe: phrases.unsubscribe,
  };
};

/**
 * Renders one email of a rule set for a customer locale. Mustache HTML-escapes every {{value}}
 * in the HTML part; subject and text are plain text and are not escaped.
 */
export const renderEmail = (
  ruleSet: RuleSet,
  templateId: string,
  locale: string | undefined,
  data: EmailData,
): RenderedEmail => {
  const versions = ruleSet.templates[templateId];
  if (!versions) throw new TemplateNotFoundError(`The rule set has no template "${templateId}"`);
  const templateLocale = resolveTemplateLocale(locale, Object.keys(versions), ruleSet.settings.defaultLocale);
  const template = versions[templateLocale];
  if (!template)
    throw new TemplateNotFoundError(`Template "${templateId}" has no version for ${templateLocale}`);
  const view = buildView(ruleSet, data, templateLocale, locale);
  const subject = Mustache.render(template.subject, view, {}, plain).replace(/\s+/g, ' ').trim();
  const preheader = template.preheader ? Mustache.render(template.preheader, view, {}, plain).trim() : '';
  const body = Mustache.render(template.html, view, {});
  const html = Mustache.render(htmlLayout, { ...view, subject, preheader, body }, {});
  const text = `${Mustache.render(template.text, view, {}, plain).trim()}${Mustache.render(textFooter, view, {}, plain)}`;
  return { subject, html, text, locale: templateLocale };
};

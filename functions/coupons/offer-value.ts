import type { Offer, RiskBand, ValueTier } from '../rules/schema/index.js';
import { formatMoney, friendlyAmountAtMost, friendlyAmountBetween } from './currency.js';

/**
 * Gross margin assumed for an item the shop sends without `margin`, when an offer has a
 * `marginFloor`. Conservative for most retail; a shop that knows better sends `margin`.
 */
export const DEFAULT_GROSS_MARGIN = 0.4;

/** Who and what the coupon is for. Amounts in minor units of `currency`. */
export interface ValuationContext {
  currency: string;
  locale: string;
  /** Cart subtotal; undefined for a coupon not tied to a cart (win-back). */
  subtotal?: number;
  /** Gross margin ratio of the cart's items; see grossMarginOf. */
  grossMargin?: number;
  valueTier?: ValueTier;
  riskBand?: RiskBand;
}

/** What one coupon gives, fixed at issue; `maxDiscount` is what the budget reserves. */
export interface CouponValue {
  offerId: string;
  kind: Offer['kind'];
  percent?: number;
  amount?: number;
  threshold?: number;
  save?: number;
  shippingCost?: number;
  /** The most this coupon can cost; reserved in every budget scope at issue. */
  maxDiscount: number;
  /** Smallest order subtotal it applies to (the threshold of a spend-threshold offer). */
  minSpend: number;
  /** Never give a discount that leaves less gross margin than this. */
  marginFloor?: number;
  currency: string;
}

export type Valuation =
  | { ok: true; value: CouponValue }
  | { ok: false; reason: 'margin_too_thin' | 'needs_cart'; message: string };

const matches = (when: { valueTier?: ValueTier; riskBand?: RiskBand }, context: ValuationContext) =>
  (when.valueTier === undefined || when.valueTier === context.valueTier) &&
  (when.riskBand === undefined || when.riskBand === context.riskBand);

/** The offer with the first matching `adjust` entry applied (tier and risk tables from the rules). */
export const adjustedOffer = (offer: Offer, context: ValuationContext): Offer => {
  const adjustment = offer.adjust?.find((entry) => matches(entry.when, context));
  if (!adjustment) return offer;
  const { when: _when, ...overrides } = adjustment;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...offer, ...defined } as Offer;
};

/**
 * The largest discount on an order of `amount` that keeps gross margin at or above the floor:
 * (m*A - D) / (A - D) >= f  <=>  D <= A (m - f) / (1 - f).
 */
export const marginAllowance = (amount: number, grossMargin: number, marginFloor: number): number => {
  if (grossMargin <= marginFloor) return 0;
  if (marginFloor >= 1) return 0;
  return Math.max(0, Math.floor((amount * (grossMargin - marginFloor)) / (1 - marginFloor)));
};

/** Revenue-weighted gross margin of line items; items without one use `fallback`. */
export const grossMarginOf = (
  items: Array<{ unitPrice: number; quantity: number; margin?: number }>,
  fallback: number = DEFAULT_GROSS_MARGIN,
): number | undefined => {
  const revenue = items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  if (revenue === 0) return undefined;
  return (
    items.reduce((sum, item) => sum + item.unitPrice * item.quantity * (item.margin ?? fallback), 0) / revenue
  );
};

const marginAt = (context: ValuationContext) => context.grossMargin ?? DEFAULT_GROSS_MARGIN;

const thin = (offerId: string): Valuation => ({
  ok: false,
  reason: 'margin_too_thin',
  message: `offer ${offerId} would leave less margin than its marginFloor on this cart`,
});

/** Computes the coupon's value for the customer in front of us, never beyond the margin floor. */
export const valueOffer = (baseOffer: Offer, context: ValuationContext): Valuation => {
  const offer = adjustedOffer(baseOffer, context);
  const floor = offer.marginFloor;
  const common = { offerId: offer.id, kind: offer.kind, marginFloor: floor, currency: context.currency };
  const minSpend = offer.minSpend ?? 0;
  const known = context.subtotal !== undefined && context.subtotal > 0;

  switch (offer.kind) {
    case 'percent_off': {
      let percent = offer.percent;
      if (floor !== undefined) {
        const margin = marginAt(context);
        const allowedPercent = Math.floor(((margin - floor) / (1 - floor)) * 100);
        percent = Math.min(percent, allowedPercent);
        if (percent < 1) return thin(offer.id);
      }
      return { ok: true, value: { ...common, percent, maxDiscount: offer.maxDiscount, minSpend } };
    }
    case 'amount_off': {
      let amount = offer.amount;
      if (floor !== undefined && known) {
        const reference = Math.max(context.subtotal!, minSpend);
        amount = Math.min(
          amount,
          friendlyAmountAtMost(marginAllowance(reference, marginAt(context), floor), context.currency),
        );
        if (amount <= 0) return thin(offer.id);
      }
      return { ok: true, value: { ...common, amount, maxDiscount: amount, minSpend } };
    }
    case 'spend_threshold': {
      let threshold: number;
      if (known) {
        const subtotal = context.subtotal!;
        const low = Math.ceil((subtotal * (100 + offer.thresholdAbove.minPercent)) / 100);
        const high = Math.floor((subtotal * (100 + offer.thresholdAbove.maxPercent)) / 100);
        threshold =
          offer.roundTo !== undefined
            ? Math.ceil(low / offer.roundTo) * offer.roundTo
            : friendlyAmountBetween(low, Math.max(low, high), context.currency);
      } else if (offer.minSpend !== undefined) {
        threshold = offer.minSpend;
      } else {
        return {
          ok: false,
          reason: 'needs_cart',
          message: `offer ${offer.id} computes its threshold from a cart`,
        };
      }
      threshold = Math.max(threshold, minSpend);
      let save = offer.save;
      if (floor !== undefined) {
        save = Math.min(
          save,
          friendlyAmountAtMost(marginAllowance(threshold, marginAt(context), floor), context.currency),
        );
        if (save <= 0) return thin(offer.id);
      }
      return { ok: true, value: { ...common, threshold, save, maxDiscount: save, minSpend: threshold } };
    }
    case 'free_shipping': {
      if (floor !== undefined && known) {
        const reference = Math.max(context.subtotal!, minSpend);
        if (marginAllowance(reference, marginAt(context), floor) < offer.shippingCost) return thin(offer.id);
      }
      return {
        ok: true,
        value: { ...common, shippingCost: offer.shippingCost, maxDiscount: offer.shippingCost, minSpend },
      };
    }
  }
};

/** An order as redemption sees it: subtotal before discounts and its gross margin when known. */
export interface OrderForDiscount {
  subtotal: number;
  grossMargin?: number;
}

/**
 * What the coupon actually takes off this order: its value for the order, never more than was
 * reserved, and never beyond the margin floor of the order itself. Zero when minSpend is not met.
 */
export const discountForOrder = (value: CouponValue, order: OrderForDiscount): number => {
  if (order.subtotal < value.minSpend) return 0;
  let discount: number;
  switch (value.kind) {
    case 'percent_off':
      discount = Math.floor((order.subtotal * (value.percent ?? 0)) / 100);
      break;
    case 'amount_off':
      discount = value.amount ?? 0;
      break;
    case 'spend_threshold':
      discount = value.save ?? 0;
      break;
    case 'free_shipping':
      discount = value.shippingCost ?? 0;
      break;
  }
  discount = Math.min(discount, value.maxDiscount, order.subtotal);
  if (value.marginFloor !== undefined && value.kind !== 'free_shipping') {
    discount = Math.min(
      discount,
      marginAllowance(order.subtotal, order.grossMargin ?? DEFAULT_GROSS_MARGIN, value.marginFloor),
    );
  }
  return Math.max(0, discount);
};

const isChinese = (locale: string) => locale.toLowerCase().startsWith('zh');

/** The value as the email states it, e.g. "15% off (up to $20)" or "满¥200减¥30". */
export const formatCouponValue = (value: CouponValue, locale: string, subtotal?: number): string => {
  const money = (amount: number) => formatMoney(amount, value.currency, locale);
  const zh = isChinese(locale);
  switch (value.kind) {
    case 'percent_off':
      return zh
        ? `立减${value.percent}%（最高${money(value.maxDiscount)}）`
        : `${value.percent}% off (up to ${money(value.maxDiscount)})`;
    case 'amount_off':
      return zh ? `立减${money(value.amount ?? 0)}` : `${money(value.amount ?? 0)} off`;
    case 'spend_threshold': {
      const threshold = value.threshold ?? 0;
      const save = value.save ?? 0;
      const more = subtotal !== undefined && subtotal < threshold ? threshold - subtotal : undefined;
      if (zh) return `满${money(threshold)}减${money(save)}${more ? `（再买${money(more)}即可）` : ''}`;
      return `Spend ${money(threshold)}, save ${money(save)}${more ? ` (add ${money(more)} more)` : ''}`;
    }
    case 'free_shipping':
      return zh ? '免运费' : 'Free shipping';
  }
};

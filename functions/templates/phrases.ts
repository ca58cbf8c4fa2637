import type { CouponValue } from './email-data.js';

type Money = (minorUnits: number) => string;

/** The few words nudge itself writes into an email: coupon values and the footer. */
export interface Phrases {
  couponValue(value: CouponValue, money: Money): string;
  footerReason(shopName: string): string;
  unsubscribe: string;
}

const trimNumber = (value: number) => String(Number(value.toFixed(2)));

const english: Phrases = {
  couponValue: (value, money) => {
    switch (value.kind) {
      case 'percent_off':
        return `${trimNumber(value.percent)}% off (up to ${money(value.maxDiscount)})`;
      case 'amount_off':
        return `${money(value.amount)} off`;
      case 'spend_threshold':
        return `Spend ${money(value.threshold)}, save ${money(value.save)}`;
      case 'free_shipping':
        return 'Free shipping';
    }
  },
  footerReason: (shopName) => `You are receiving this email because you shopped at ${shopName}.`,
  unsubscribe: 'Unsubscribe',
};

/** Chinese shoppers read 15% off as 8.5 折 and a spend threshold as 满...减... */
const chinese: Phrases = {
  couponValue: (value, money) => {
    switch (value.kind) {
      case 'percent_off':
        return `${trimNumber((100 - value.percent) / 10)} 折（最多优惠 ${money(value.maxDiscount)}）`;
      case 'amount_off':
        return `立减 ${money(value.amount)}`;
      case 'spend_threshold':
        return `满 ${money(value.threshold)} 减 ${money(value.save)}`;
      case 'free_shipping':
        return '免运费';
    }
  },
  footerReason: (shopName) => `您收到这封邮件，是因为您曾在 ${shopName} 购物。`,
  unsubscribe: '退订',
};

export const phrasesFor = (locale: string): Phrases =>
  locale.toLowerCase().startsWith('zh') ? chinese : english;

import { catalog, SHOP_URL } from './catalog.js';
import { HOUR_MS, type SimulationConfig } from './config.js';
import { discountOf } from './coupon-lookup.js';
import { EventQueue } from './event-queue.js';
import { generatePopulation, type SimulatedCustomer } from './population.js';
import { type Random, randomFor } from './prng.js';
import { type ShopEvent, toShopEvent } from './shop-events.js';

export interface SimulatedCart {
  cartId: string;
  customerId: string;
  items: Array<{ sku: string; name: string; unitPrice: number; quantity: number; url: string }>;
  subtotal: number;
  openedAt: number;
  abandoned: boolean;
  purchasedAt?: number;
  /** What the order came to, after any coupon; minor units. */
  paid?: number;
}

/** What nudge sent, as the simulated customer reads it. */
export interface ReceivedMessage {
  campaignId: string;
  customerId: string;
  step: number;
  sentAt: string;
  /** The code found in the email and its value as the coupons API reports it, when known. */
  coupon?: HeldCoupon;
}

export interface HeldCoupon {
  code: string;
  value?: unknown;
}

export type PurchaseCause = 'at_once' | 'natural' | 'reminder' | 'win_back' | 'history';

type Planned =
  | { kind: 'cart'; cart: SimulatedCart; checkout: boolean }
  | { kind: 'purchase'; cart: SimulatedCart; cause: PurchaseCause; couponCode?: string }
  | { kind: 'unsubscribe'; customerId: string };

export interface ShopTally {
  carts: number;
  abandoned: number;
  boughtAtOnce: number;
  naturalReturns: number;
  reminderPurchases: number;
  winBackOrders: number;
  ordersWithCoupon: number;
  unsubscribes: number;
  messagesRead: number;
  /** Minor units, by cause. */
  revenue: Record<PurchaseCause, number>;
  /** Per virtual day (index from the start): revenue from abandoned carts that came back. */
  recoveredByDay: Array<{ natural: number; reminder: number }>;
}

const DAY_MS = 24 * HOUR_MS;

/**
 * The synthetic shop: customers whose cart sessions follow a BG/NBD process, about 70% of carts
 * abandoned, a natural return that fades with time, and extra purchases after reminders. It only
 * plans shop events and reacts to messages; the driver carries both to and from the runtime.
 */
export class SimulatedShop {
  readonly customers: SimulatedCustomer[];
  readonly tally: ShopTally;
  readonly #config: SimulationConfig;
  readonly #start: number;
  readonly #queue = new EventQueue<Planned>();
  readonly #history: ShopEvent[] = [];
  readonly #openCarts = new Map<string, SimulatedCart[]>();
  readonly #coupons = new Map<string, HeldCoupon[]>();
  readonly #unsubscribed = new Set<string>();
  #orders = 0;

  constructor(config: SimulationConfig) {
    this.#config = config;
    this.#start = Date.parse(config.start);
    this.customers = generatePopulation(config);
    this.tally = {
      carts: 0,
      abandoned: 0,
      boughtAtOnce: 0,
      naturalReturns: 0,
      reminderPurchases: 0,
      winBackOrders: 0,
      ordersWithCoupon: 0,
      unsubscribes: 0,
      messagesRead: 0,
      revenue: { at_once: 0, natural: 0, reminder: 0, win_back: 0, history: 0 },
      recoveredByDay: Array.from({ length: config.days }, () => ({ natural: 0, reminder: 0 })),
    };
    for (const customer of this.customers) this.#planSessions(customer);
  }

  get startMs(): number {
    return this.#start;
  }

  get endMs(): number {
    return this.#start + this.#config.days * DAY_MS;
  }

  /** `Customer Upserted` for everyone, then the order history before the start. */
  openingEvents(): ShopEvent[] {
    const at = new Date(this.#start - (this.#config.historyDays + 1) * DAY_MS).toISOString();
    const profiles = this.customers.map((customer) =>
      toShopEvent('Customer Upserted', Date.parse(at), {
        customerId: customer.customerId,
        email: customer.email,
        locale: customer.locale,
        timeZone: customer.timeZone,
        consent: { email: customer.consent, updatedAt: at, source: 'simulation' },
        firstName: customer.firstName,
        country: customer.country,
      }),
    );
    return [...profiles, ...this.#history];
  }

  /** Every abandoned cart so far (in the run, not the history), with whether and when it was bought. */
  abandonedCarts(): SimulatedCart[] {
    return [...this.#openCarts.values()].flat();
  }

  consentOf(customerId: string): SimulatedCustomer['consent'] | undefined {
    return this.customers.find((customer) => customer.customerId === customerId)?.consent;
  }

  /** The shop events due by `until` (epoch ms), earliest first. */
  eventsUntil(until: number): ShopEvent[] {
    const events: ShopEvent[] = [];
    for (const { at, value } of this.#queue.popUntil(until)) events.push(...this.#emit(at, value));
    return events;
  }

  /** A customer reads a message and may act on it: buy, buy with the coupon, or unsubscribe. */
  receive(message: ReceivedMessage): void {
    if (this.#unsubscribed.has(message.customerId)) return;
    this.tally.messagesRead++;
    const random = randomFor(
      this.#config.seed,
      'message',
      message.customerId,
      message.campaignId,
      message.step,
      message.sentAt,
    );
    const sentAt = Date.parse(message.sentAt);
    if (message.coupon) {
      const held = this.#coupons.get(message.customerId) ?? [];
      held.push(message.coupon);
      this.#coupons.set(message.customerId, held);
    }
    if (random.chance(this.#config.unsubscribeRate)) {
      this.#queue.push(sentAt + random.exponential(HOUR_MS), {
        kind: 'unsubscribe',
        customerId: message.customerId,
      });
      return;
    }
    const persuaded = this.#config.upliftReminder + (message.coupon ? this.#config.upliftCoupon : 0);
    if (!random.chance(persuaded)) return;
    const at = sentAt + random.exponential(this.#config.reactionMeanHours * HOUR_MS);
    const open = this.#latestOpenCart(message.customerId);
    if (open) {
      this.#queue.push(at, {
        kind: 'purchase',
        cart: open,
        cause: 'reminder',
        couponCode: message.coupon?.code,
      });
      return;
    }
    const customer = this.customers.find((c) => c.customerId === message.customerId);
    if (!customer) return;
    const cart = this.#newCart(customer, random, at, `win-${message.campaignId}-${message.step}`);
    this.#queue.push(at, { kind: 'purchase', cart, cause: 'win_back', couponCode: message.coupon?.code });
  }

  #planSessions(customer: SimulatedCustomer): void {
    const random = randomFor(this.#config.seed, 'sessions', customer.customerId);
    const end = this.endMs;
    let at = this.#start - this.#config.historyDays * DAY_MS;
    let index = 0;
    if (customer.sessionRatePerHour <= 0) return;
    for (;;) {
      at += random.exponential(HOUR_MS / customer.sessionRatePerHour);
      if (at >= end) return;
      const cart = this.#newCart(customer, random, at, `s${index++}`);
      const abandoned = random.chance(this.#config.abandonRate);
      const returns = abandoned && random.chance(this.#config.naturalReturn.probability);
      const returnAt = at + random.exponential(this.#config.naturalReturn.meanHours * HOUR_MS);
      if (at < this.#start) {
        if (!abandoned || returns)
          this.#history.push(this.#order(cart, abandoned ? returnAt : at, 'history'));
      } else {
        cart.abandoned = abandoned;
        this.#queue.push(at, { kind: 'cart', cart, checkout: random.chance(abandoned ? 0.4 : 1) });
        if (!abandoned) {
          this.#queue.push(at + random.int(5, 25) * 60_000, { kind: 'purchase', cart, cause: 'at_once' });
        } else if (returns) {
          this.#queue.push(returnAt, { kind: 'purchase', cart, cause: 'natural' });
        }
      }
      // BG/NBD: a customer may drop out after each purchase, not after each look at the shop.
      const bought = !abandoned || returns;
      if (bought && random.chance(customer.dropout)) return;
    }
  }

  #newCart(customer: SimulatedCustomer, random: Random, at: number, suffix: string): SimulatedCart {
    const zh = customer.locale === 'zh-CN';
    const lines = random.int(1, 3);
    const items = Array.from({ length: lines }, () => {
      const product = random.pick(catalog);
      return {
        sku: product.sku,
        name: zh ? product.name.zh : product.name.en,
        unitPrice: product.unitPrice,
        quantity: random.int(1, 2),
        url: `${SHOP_URL}/p/${product.sku.toLowerCase()}`,
      };
    });
    return {
      cartId: `${customer.customerId}-${suffix}`,
      customerId: customer.customerId,
      items,
      subtotal: items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0),
      openedAt: at,
      abandoned: false,
    };
  }

  #latestOpenCart(customerId: string): SimulatedCart | undefined {
    const carts = this.#openCarts.get(customerId) ?? [];
    return carts.filter((cart) => cart.purchasedAt === undefined).at(-1);
  }

  #emit(at: number, planned: Planned): ShopEvent[] {
    if (planned.kind === 'unsubscribe') {
      if (this.#unsubscribed.has(planned.customerId)) return [];
      this.#unsubscribed.add(planned.customerId);
      this.tally.unsubscribes++;
      return [
        toShopEvent('Customer Unsubscribed', at, {
          customerId: planned.customerId,
          scope: 'all',
          at: new Date(at).toISOString(),
        }),
      ];
    }
    const { cart } = planned;
    if (planned.kind === 'cart') {
      this.tally.carts++;
      if (cart.abandoned) {
        this.tally.abandoned++;
        const open = this.#openCarts.get(cart.customerId) ?? [];
        open.push(cart);
        this.#openCarts.set(cart.customerId, open);
      }
      const detail = this.#cartDetail(cart, at);
      const events = [toShopEvent('Cart Updated', at, detail)];
      if (planned.checkout)
        events.push(
          toShopEvent('Checkout Started', at + 60_000, {
            ...detail,
            updatedAt: new Date(at + 60_000).toISOString(),
          }),
        );
      return events;
    }
    if (cart.purchasedAt !== undefined) return [];
    return [this.#order(cart, at, planned.cause, planned.couponCode)];
  }

  #cartDetail(cart: SimulatedCart, at: number) {
    return {
      cartId: cart.cartId,
      customerId: cart.customerId,
      currency: this.#config.currency,
      items: cart.items,
      subtotal: cart.subtotal,
      checkoutUrl: `${SHOP_URL}/checkout/${cart.cartId}`,
      updatedAt: new Date(at).toISOString(),
    };
  }

  #order(cart: SimulatedCart, at: number, cause: PurchaseCause, persuadingCode?: string): ShopEvent {
    cart.purchasedAt = at;
    const coupon = cause === 'history' ? undefined : this.#couponFor(cart, persuadingCode);
    if (coupon) topUpTo(cart, discountOf(coupon.value, cart.subtotal).minSpend);
    const discount = coupon ? Math.min(discountOf(coupon.value, cart.subtotal).discount, cart.subtotal) : 0;
    const total = cart.subtotal - discount;
    cart.paid = total;
    if (coupon) this.tally.ordersWithCoupon++;
    this.tally.revenue[cause] += total;
    if (cause === 'at_once') this.tally.boughtAtOnce++;
    if (cause === 'natural') this.tally.naturalReturns++;
    if (cause === 'reminder') this.tally.reminderPurchases++;
    if (cause === 'win_back') this.tally.winBackOrders++;
    const day = Math.floor((at - this.#start) / DAY_MS);
    const recovered = this.tally.recoveredByDay[day];
    if (recovered && cause === 'natural') recovered.natural += total;
    if (recovered && cause === 'reminder') recovered.reminder += total;
    this.#orders++;
    return toShopEvent('Order Placed', at, {
      orderId: `${cart.cartId}-o${this.#orders}`,
      customerId: cart.customerId,
      currency: this.#config.currency,
      total,
      placedAt: new Date(at).toISOString(),
      items: cart.items,
      couponCodes: coupon ? [coupon.code] : [],
      cartId: cause === 'history' ? undefined : cart.cartId,
      margin: 0.55,
    });
  }

  /** The coupon the customer uses: the one that persuaded them, else maybe one they hold anyway. */
  #couponFor(cart: SimulatedCart, persuadingCode?: string) {
    const held = this.#coupons.get(cart.customerId) ?? [];
    const persuading = held.find((coupon) => coupon.code === persuadingCode);
    const usable = held.filter((coupon) => discountOf(coupon.value, cart.subtotal).minSpend <= cart.subtotal);
    const chosen =
      persuading ??
      (usable.length > 0 &&
      randomFor(this.#config.seed, 'use-coupon', cart.cartId).chance(this.#config.couponUseWhenBuying)
        ? usable.at(-1)
        : undefined);
    if (chosen)
      this.#coupons.set(
        cart.customerId,
        held.filter((coupon) => coupon !== chosen),
      );
    return chosen;
  }
}

/** A spend-X-save-Y coupon that persuaded the customer makes them add items until the cart reaches X. */
function topUpTo(cart: SimulatedCart, threshold: number): void {
  let index = 0;
  while (cart.subtotal < threshold && index < 20) {
    const product = catalog[index++ % catalog.length]!;
    cart.items.push({
      sku: product.sku,
      name: product.name.en,
      unitPrice: product.unitPrice,
      quantity: 1,
      url: `${SHOP_URL}/p/${product.sku.toLowerCase()}`,
    });
    cart.subtotal += product.unitPrice;
  }
}

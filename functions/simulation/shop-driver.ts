import { HOUR_MS, type SimulationConfig } from './config.js';
import { couponCodeIn } from './coupon-lookup.js';
import type { OutboxEntry, ShopRuntime } from './runtime-client.js';
import { type HeldCoupon, type ReceivedMessage, SimulatedShop } from './shop.js';
import { batchesOf, type ShopEvent } from './shop-events.js';

const DAY_MS = 24 * HOUR_MS;

/**
 * Carries the synthetic shop to a runtime and back: sends the shop events that fell due, moves
 * the clock, and lets customers read what the outbox received. Used by `simulate` (as fast as
 * the runtime goes) and by the demo (on a timer).
 */
export class ShopDriver {
  readonly shop: SimulatedShop;
  readonly messagesPerDay: number[];
  messages = 0;
  readonly #runtime: ShopRuntime;
  readonly #coupons = new Map<string, unknown>();
  #outboxOffset = 0;

  constructor(config: SimulationConfig, runtime: ShopRuntime) {
    this.shop = new SimulatedShop(config);
    this.#runtime = runtime;
    this.messagesPerDay = Array.from({ length: config.days }, () => 0);
  }

  /** Customer profiles and the order history before the start. */
  async open(): Promise<void> {
    await this.#send(this.shop.openingEvents());
  }

  /** Sends what is due by `now`, moves the clock to `target` (virtual clocks only), reads the outbox. */
  async step(now: number, target?: number): Promise<void> {
    await this.#send(this.shop.eventsUntil(now));
    if (target !== undefined) await this.#runtime.advanceTo(new Date(target));
    await this.readOutbox();
  }

  async readOutbox(): Promise<void> {
    const arrived = await this.#runtime.outboxFrom(this.#outboxOffset);
    this.#outboxOffset += arrived.length;
    const unknownCode = arrived.some((message) => {
      const code = couponCodeIn(message.text);
      return code !== undefined && !this.#coupons.has(code);
    });
    if (unknownCode) await this.#refreshCoupons();
    for (const message of arrived) {
      this.messages++;
      const day = Math.floor((Date.parse(message.sentAt) - this.shop.startMs) / DAY_MS);
      if (day >= 0 && day < this.messagesPerDay.length) this.messagesPerDay[day]! += 1;
      this.shop.receive(this.#received(message));
    }
  }

  async #send(events: ShopEvent[]): Promise<void> {
    for (const batch of batchesOf(events)) await this.#runtime.putEvents(batch);
  }

  #received(message: OutboxEntry): ReceivedMessage {
    const code = couponCodeIn(message.text);
    const coupon: HeldCoupon | undefined = code ? { code, value: this.#coupons.get(code) } : undefined;
    return {
      campaignId: message.campaignId,
      customerId: message.customerId,
      step: message.step,
      sentAt: message.sentAt,
      coupon,
    };
  }

  async #refreshCoupons(): Promise<void> {
    for (const coupon of listOf(await this.#runtime.getJson('/api/coupons?limit=1000'))) {
      const value = typeof coupon.value === 'object' && coupon.value !== null ? coupon.value : {};
      if (typeof coupon.code === 'string')
        this.#coupons.set(coupon.code, { ...value, minSpend: coupon.minSpend });
    }
  }
}

export function listOf(body: unknown): Array<Record<string, unknown>> {
  const list = Array.isArray(body) ? body : (body as { coupons?: unknown[] } | undefined)?.coupons;
  return (list ?? []).filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
  );
}

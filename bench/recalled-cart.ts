import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ensureScope } from '../functions/budget/ensure-scope.js';
import { type SpendKind, scopesForSpend } from '../functions/budget/scopes.js';
import { loadRuleFiles } from '../functions/rules/load-rule-files.js';
import { validateRuleSetFiles } from '../functions/rules/validate.js';
import { isInHoldout } from '../functions/send/holdout.js';
import { couponCodeIn } from '../functions/simulation/coupon-lookup.js';
import { freshBenchTables } from './bench-dynamo.js';
import type { MeteredUsage } from './capacity-meter.js';
import { type MeteredCounts, type MeteredRuntime, startMeteredRuntime } from './metered-runtime.js';
import { type BenchResult, ratioOf, round, type Shortfall } from './result.js';
import { cartUpdated, customerUpserted, orderPlaced } from './shop-events.js';

export interface RecalledCartOptions {
  endpoint: string;
  repoRoot: string;
  carts: number;
}

/** What one standard cart lifecycle costs, averaged over the carts run. */
export interface PerCart {
  carts: number;
  readUnits: number;
  writeUnits: number;
  usage: MeteredUsage[];
  counts: MeteredCounts;
  /** The same data stored the plainest way: one PutItem per shop event and per email. */
  plainUnits: number;
  /** Items every lifecycle writes (shared by all carts): the hot keys at scale, writes per cart. */
  hotItems: Array<{ key: string; writesPerCart: number }>;
}

const CAMPAIGN = 'cart-recall';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// 09:00 in New York, the customers' time zone, so no reminder falls in quiet hours.
const FIRST_CART_AT = Date.parse('2025-03-04T14:00:00Z');
// Each lifecycle gets its own week, so one cart's schedules never mix with the next one's.
const LIFECYCLE_SPACING = 8 * DAY;

/** Customers that the campaign's 10% holdout does not keep out, so every lifecycle sends. */
const eligibleCustomers = (count: number): string[] => {
  const ids: string[] = [];
  for (let n = 0; ids.length < count; n += 1) {
    const id = `bench-cus-${n}`;
    if (!isInHoldout(id, CAMPAIGN, 10)) ids.push(id);
  }
  return ids;
};

const emailsTo = (runtime: MeteredRuntime, customerId: string) =>
  runtime.outbox.list().filter((message) => message.customerId === customerId);

/**
 * One standard lifecycle: three cart updates ten minutes apart, reminders until the step-2 email
 * (with its coupon) has gone out, an order an hour later redeeming that coupon, then five quiet days
 * for whatever is still scheduled (the step-3 reminder must not send; coupon expiry may fire).
 */
const lifecycle = async (runtime: MeteredRuntime, customerId: string, index: number): Promise<string[]> => {
  const problems: string[] = [];
  const start = FIRST_CART_AT + index * LIFECYCLE_SPACING;
  const cartId = `bench-cart-${index}`;
  let cart = cartUpdated(cartId, customerId, new Date(start), 0);
  for (let version = 0; version < 3; version += 1) {
    const at = new Date(start + version * 10 * MINUTE);
    await runtime.advanceTo(at);
    cart = cartUpdated(cartId, customerId, at, version);
    runtime.putShopEvent('Cart Updated', cart);
    await runtime.idle();
  }
  while (emailsTo(runtime, customerId).length < 2) {
    const next = runtime.scheduler.pending()[0];
    if (!next || Date.parse(next.at) > start + 5 * DAY) break;
    await runtime.advanceTo(new Date(next.at));
  }
  const sent = emailsTo(runtime, customerId);
  const code = couponCodeIn(sent[1]?.text);
  if (sent.length < 2) problems.push(`cart ${cartId}: ${sent.length} reminders sent before the order, not 2`);
  if (!code) problems.push(`cart ${cartId}: the step-2 reminder carries no coupon code`);

  const orderAt = runtime.clock.now().getTime() + HOUR;
  await runtime.advanceTo(new Date(orderAt));
  runtime.putShopEvent(
    'Order Placed',
    orderPlaced(
      {
        orderId: `bench-order-${index}`,
        customerId,
        cartId,
        total: Math.round(cart.subtotal * 0.85),
        couponCodes: code ? [code] : [],
      },
      new Date(orderAt),
    ),
  );
  await runtime.idle();
  await runtime.advanceTo(new Date(orderAt + 5 * DAY));
  if (emailsTo(runtime, customerId).length !== 2) {
    problems.push(`cart ${cartId}: ${emailsTo(runtime, customerId).length} reminders in all, not 2`);
  }
  const redeemed = runtime
    .events()
    .filter((event) => event['detail-type'] === 'Coupon Redeemed')
    .some((event) => (event.detail as { customerId?: string }).customerId === customerId);
  if (code && !redeemed) problems.push(`cart ${cartId}: no Coupon Redeemed event for ${code}`);
  return problems;
};

/**
 * A budget scope is created once per campaign and day or month, which at any real volume is nothing
 * per cart; here every lifecycle has its own week, so each would pay for its days. The scopes of the
 * whole window are created before counting, so the figures are a steady state.
 */
const createPeriodScopes = async (runtime: MeteredRuntime, rulesDir: string, from: number, to: number) => {
  const validation = validateRuleSetFiles(await loadRuleFiles(rulesDir));
  if (!validation.ok) throw new Error(`the rules in ${rulesDir} are not valid`);
  const { ruleSet } = validation;
  const campaign = ruleSet.campaigns.find((candidate) => candidate.id === CAMPAIGN);
  if (!campaign) throw new Error(`the rules in ${rulesDir} have no ${CAMPAIGN} campaign`);
  const kinds: SpendKind[] = ['email', 'coupon'];
  for (let at = from; at <= to; at += DAY / 2) {
    for (const kind of kinds) {
      for (const scope of scopesForSpend(ruleSet, campaign, kind, new Date(at))) {
        await ensureScope(runtime.deps, scope);
      }
    }
  }
};

/**
 * The baseline: the lifecycles' shop events and emails written once each with plain PutItem into a
 * scratch partition, metered by the same meter (counted apart from the lifecycles).
 */
const plainStoreUnits = async (runtime: MeteredRuntime, customers: string[]): Promise<number> => {
  const before = runtime.meter.totals().writeUnits;
  const table = runtime.deps.tables.control;
  const put = (sk: string, item: Record<string, unknown>) =>
    runtime.deps.db.send(
      new PutCommand({ TableName: table, Item: { pk: 'bench#plain-store', sk, ...item } }),
    );
  for (const [index, customerId] of customers.entries()) {
    const cartId = `bench-cart-${index}`;
    for (let version = 0; version < 3; version += 1) {
      await put(
        `cart#${cartId}#${version}`,
        cartUpdated(cartId, customerId, new Date(FIRST_CART_AT), version),
      );
    }
    const order = orderPlaced(
      { orderId: `bench-order-${index}`, customerId, cartId, total: 0, couponCodes: ['K7QM-3XD9-PW2H-T'] },
      new Date(FIRST_CART_AT),
    );
    await put(`order#${order.orderId}`, order);
    for (const message of emailsTo(runtime, customerId)) {
      await put(`message#${message.messageId}`, {
        campaignId: message.campaignId,
        customerId,
        step: message.step,
        sentAt: message.sentAt,
      });
    }
  }
  return runtime.meter.totals().writeUnits - before;
};

const divide = (counts: MeteredCounts, carts: number): MeteredCounts => ({
  functions: Object.fromEntries(
    Object.entries(counts.functions).map(([id, runs]) => [
      id,
      { runs: runs.runs / carts, totalMs: runs.totalMs / carts },
    ]),
  ),
  shopEvents: counts.shopEvents / carts,
  nudgeEvents: counts.nudgeEvents / carts,
  sesEvents: counts.sesEvents / carts,
  nudgeEventsByType: Object.fromEntries(
    Object.entries(counts.nudgeEventsByType).map(([type, count]) => [type, count / carts]),
  ),
  schedulesCreated: counts.schedulesCreated / carts,
  schedulesCancelled: counts.schedulesCancelled / carts,
  schedulesFired: counts.schedulesFired / carts,
  emails: counts.emails / carts,
});

/** Runs `carts` standard lifecycles, one after another, on the metered runtime; averages per cart. */
export const measureRecalledCarts = async (
  options: RecalledCartOptions,
): Promise<{ perCart: PerCart; shortfalls: Shortfall[] }> => {
  const bench = await freshBenchTables(options.endpoint, 'recall');
  const runtime = await startMeteredRuntime(bench, {
    start: new Date(FIRST_CART_AT - HOUR),
    rulesDir: join(options.repoRoot, 'rules'),
    campaignIds: [CAMPAIGN],
  });
  const customers = eligibleCustomers(options.carts);
  // Customers exist before their carts: their profiles are not part of a cart's cost.
  for (const customerId of customers) {
    runtime.putShopEvent('Customer Upserted', customerUpserted(customerId, runtime.clock.now()));
  }
  await runtime.idle();
  await createPeriodScopes(
    runtime,
    join(options.repoRoot, 'rules'),
    FIRST_CART_AT - DAY,
    FIRST_CART_AT + options.carts * LIFECYCLE_SPACING + DAY,
  );
  runtime.resetCounts();

  const problems: string[] = [];
  for (const [index, customerId] of customers.entries())
    problems.push(...(await lifecycle(runtime, customerId, index)));
  await runtime.idle();
  const usage = runtime.meter.usage().map((entry) => ({
    ...entry,
    calls: entry.calls / options.carts,
    units: entry.units / options.carts,
    failedCalls: entry.failedCalls / options.carts,
  }));
  const totals = runtime.meter.totals();
  const counts = divide(runtime.counts(), options.carts);
  const prefix = bench.tables.control.slice(0, bench.tables.control.lastIndexOf('-') + 1);
  const hotItems = runtime.itemWrites
    .top(12)
    .filter((item) => item.writes >= options.carts)
    .map((item) => ({ key: item.key.replace(prefix, ''), writesPerCart: item.writes / options.carts }));
  const plainUnits = await plainStoreUnits(runtime, customers);
  bench.db.destroy();
  return {
    perCart: {
      carts: options.carts,
      readUnits: totals.readUnits / options.carts,
      writeUnits: totals.writeUnits / options.carts,
      usage,
      counts,
      plainUnits: plainUnits / options.carts,
      hotItems,
    },
    shortfalls: problems.map((problem) => ({ bench: 'requests-per-recalled-cart', problem })),
  };
};

/** `requests-per-recalled-cart`: every request one standard lifecycle makes; value is DynamoDB request units. */
export const requestsPerRecalledCart = (perCart: PerCart): BenchResult => {
  const { counts } = perCart;
  const invocations = Object.values(counts.functions).reduce((sum, runs) => sum + (runs?.runs ?? 0), 0);
  const value = perCart.readUnits + perCart.writeUnits;
  return {
    name: 'requests-per-recalled-cart',
    value: round(value, 2),
    unit: 'DynamoDB request units per cart (read + write)',
    baseline: round(perCart.plainUnits, 2),
    ratio: ratioOf(value, perCart.plainUnits),
    notes: {
      lifecycle:
        'three cart updates, reminders until the step-2 coupon email, one order redeeming it, five days of follow-up',
      baselineMeaning:
        'request units to store the same shop events and one record per email with plain PutItem: no claims, budgets or checks',
      carts: perCart.carts,
      readUnits: round(perCart.readUnits, 2),
      writeUnits: round(perCart.writeUnits, 2),
      lambdaInvocations: round(invocations, 2),
      invocationsByFunction: Object.fromEntries(
        Object.entries(counts.functions).map(([id, runs]) => [id, round(runs?.runs ?? 0, 2)]),
      ),
      handlerMsByFunction: Object.fromEntries(
        Object.entries(counts.functions).map(([id, runs]) => [id, round(runs?.totalMs ?? 0, 1)]),
      ),
      eventBridgeEvents: round(counts.shopEvents + counts.nudgeEvents + counts.sesEvents, 2),
      shopEvents: round(counts.shopEvents, 2),
      nudgeEvents: round(counts.nudgeEvents, 2),
      nudgeEventsByType: counts.nudgeEventsByType,
      sesEvents: round(counts.sesEvents, 2),
      sesEventsMeaning:
        'Send and Delivery per email, from the SES configuration set to the default bus (opens and clicks not counted)',
      schedulesCreated: round(counts.schedulesCreated, 2),
      schedulesFired: round(counts.schedulesFired, 2),
      schedulesCancelled: round(counts.schedulesCancelled, 2),
      emails: round(counts.emails, 2),
      byTableAndOperation: Object.fromEntries(
        perCart.usage.map((entry) => [
          `${entry.table} ${entry.operation}`,
          {
            kind: entry.kind,
            units: round(entry.units, 2),
            calls: round(entry.calls, 2),
            failedCalls: round(entry.failedCalls, 2),
          },
        ]),
      ),
      hotItems: Object.fromEntries(perCart.hotItems.map((item) => [item.key, round(item.writesPerCart, 2)])),
      hotItemsMeaning:
        'items written by every lifecycle (table|pk|sk), write requests per cart: hot keys at scale',
      failedCallsNote:
        'a lost condition reports no capacity; it is charged as 1 write unit (2 in a transaction)',
    },
  };
};

import { SES_SOURCE, sesDetailTypes } from './events/ses-events.js';
import { SHOP_SOURCE } from './events/shop-events.js';

/**
 * EventBridge routes, declared once: the CDK stack turns each into a rule with a Lambda target,
 * and the local runtime matches incoming PutEvents entries against the same patterns.
 */
export interface EventRoute {
  id: string;
  /** The handler factory key (see functions/handlers/registry.ts) and the Lambda's name. */
  target: FunctionId;
  /** Only `source` and `detail-type` lists are used: exact-match arrays, as in EventBridge. */
  pattern: { source: string[]; 'detail-type': string[] };
  /** SES can publish only to the default bus. */
  bus: 'nudge' | 'default';
}

export const functionIds = [
  'customer-events',
  'cart-events',
  'order-events',
  'ses-events',
  'campaign-step',
  'coupon-expiry',
  'churn-coordinator',
  'churn-worker',
  'guard',
  'admin-api',
  'unsubscribe',
  'cost-alert',
] as const;
export type FunctionId = (typeof functionIds)[number];

export const eventRoutes: EventRoute[] = [
  {
    id: 'customer-events',
    target: 'customer-events',
    pattern: { source: [SHOP_SOURCE], 'detail-type': ['Customer Upserted', 'Customer Unsubscribed'] },
    bus: 'nudge',
  },
  {
    id: 'cart-events',
    target: 'cart-events',
    pattern: { source: [SHOP_SOURCE], 'detail-type': ['Cart Updated', 'Checkout Started'] },
    bus: 'nudge',
  },
  {
    id: 'order-events',
    target: 'order-events',
    pattern: { source: [SHOP_SOURCE], 'detail-type': ['Order Placed'] },
    bus: 'nudge',
  },
  {
    id: 'ses-events',
    target: 'ses-events',
    pattern: { source: [SES_SOURCE], 'detail-type': [...sesDetailTypes] },
    bus: 'default',
  },
];

export const matchesPattern = (
  pattern: EventRoute['pattern'],
  event: { source: string; 'detail-type': string },
): boolean => pattern.source.includes(event.source) && pattern['detail-type'].includes(event['detail-type']);

/** Shop events whose detail-type no route knows still reach a handler, so they can be dead-lettered. */
export const routesFor = (event: { source: string; 'detail-type': string }): EventRoute[] =>
  eventRoutes.filter((route) => matchesPattern(route.pattern, event));

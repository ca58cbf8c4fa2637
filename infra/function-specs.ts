import type { FunctionId } from '../functions/routes.js';
import type { TableId } from '../functions/store/tables.js';

export type TableAccess = 'read' | 'readWrite';

/** What one Lambda is and what it may touch; the stack grants exactly this and nothing more. */
export interface FunctionSpec {
  /** Entry file, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  tables: Partial<Record<TableId, TableAccess>>;
  sendsEmail?: boolean;
  /** Creates and deletes one-time schedules (and passes the Scheduler role). */
  schedules?: boolean;
  publishesEvents?: boolean;
  readsUnsubscribeSecret?: boolean;
  invokes?: FunctionId[];
  /** Variables beyond the common set every function receives (see aws-env.ts). */
  environment?: Record<string, string>;
}

const entry = (id: FunctionId) => `functions/handlers/${id}.ts`;

export const functionSpecs: Record<FunctionId, FunctionSpec> = {
  'customer-events': {
    entry: entry('customer-events'),
    description: 'Customer Upserted / Customer Unsubscribed: profiles, consent, suppression',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { customers: 'readWrite', control: 'readWrite' },
  },
  'cart-events': {
    entry: entry('cart-events'),
    description: 'Cart Updated / Checkout Started: keeps the latest cart, enrols cart recall',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { carts: 'readWrite', control: 'readWrite' },
    schedules: true,
  },
  'order-events': {
    entry: entry('order-events'),
    description: 'Order Placed: records the order, redeems coupons, settles budgets, attributes',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: {
      orders: 'readWrite',
      carts: 'readWrite',
      customers: 'readWrite',
      messages: 'readWrite',
      coupons: 'readWrite',
      budgets: 'readWrite',
      control: 'readWrite',
    },
    schedules: true,
    publishesEvents: true,
  },
  'ses-events': {
    entry: entry('ses-events'),
    description: 'SES bounce, complaint, delivery, open, click: suppression and the reputation breaker',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { customers: 'readWrite', control: 'readWrite' },
    publishesEvents: true,
  },
  'campaign-step': {
    entry: entry('campaign-step'),
    description: 'Wakes on a one-time schedule and sends one campaign step',
    memoryMb: 512,
    timeoutSeconds: 30,
    tables: {
      customers: 'read',
      carts: 'read',
      messages: 'readWrite',
      coupons: 'readWrite',
      budgets: 'readWrite',
      control: 'readWrite',
    },
    sendsEmail: true,
    schedules: true,
    publishesEvents: true,
    readsUnsubscribeSecret: true,
  },
  'coupon-expiry': {
    entry: entry('coupon-expiry'),
    description: 'Wakes when a coupon expires and releases its unspent budget reservation',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { coupons: 'readWrite', budgets: 'readWrite', control: 'readWrite' },
    // A job that fires before the coupon's expiry (clock skew) re-arms itself.
    schedules: true,
  },
  'churn-coordinator': {
    entry: entry('churn-coordinator'),
    description: 'Nightly: splits churn scoring into batches for the workers',
    memoryMb: 512,
    timeoutSeconds: 300,
    tables: { customers: 'read', control: 'readWrite' },
    invokes: ['churn-worker'],
  },
  'churn-worker': {
    entry: entry('churn-worker'),
    description: 'Scores one batch of customers and enrols those at risk in win-back',
    memoryMb: 1024,
    timeoutSeconds: 300,
    tables: { customers: 'readWrite', control: 'readWrite' },
    schedules: true,
    publishesEvents: true,
  },
  guard: {
    entry: entry('guard'),
    description: 'Every minute: ROI floors, monthly pacing, budget alerts',
    memoryMb: 256,
    timeoutSeconds: 50,
    tables: { budgets: 'readWrite', control: 'readWrite' },
    publishesEvents: true,
  },
  'admin-api': {
    entry: entry('admin-api'),
    description: 'Admin HTTP API and dashboard (IAM-authorized)',
    memoryMb: 512,
    timeoutSeconds: 29,
    tables: {
      customers: 'read',
      carts: 'read',
      orders: 'read',
      messages: 'read',
      coupons: 'read',
      budgets: 'read',
      control: 'readWrite',
    },
    publishesEvents: true,
  },
  unsubscribe: {
    entry: entry('unsubscribe'),
    description: 'Public unsubscribe page and RFC 8058 one-click endpoint',
    memoryMb: 256,
    timeoutSeconds: 10,
    tables: { customers: 'readWrite', control: 'readWrite' },
    readsUnsubscribeSecret: true,
  },
  'cost-alert': {
    entry: entry('cost-alert'),
    description: 'AWS Budgets cost alert (via SNS): flips the global switch',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { control: 'readWrite' },
    publishesEvents: true,
  },
};

import { awsDeps } from '../adapters/aws/aws-deps.js';
import { awsEventBridgeScheduler } from '../adapters/aws/eventbridge-scheduler.js';
import { createCouponExpiryHandler } from '../coupons/coupon-expiry.js';

/** EventBridge Scheduler delivers the scheduled job itself as the event; an early job re-arms itself. */
export const handler = createCouponExpiryHandler(
  awsDeps(process.env, { scheduler: awsEventBridgeScheduler }),
);

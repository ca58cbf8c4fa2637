import { awsDeps } from '../adapters/aws/aws-deps.js';
import { createCouponExpiryHandler } from '../coupons/coupon-expiry.js';

/** EventBridge Scheduler delivers the scheduled job itself as the event. */
export const handler = createCouponExpiryHandler(awsDeps());

import type { OrderRecordedHook } from '../ingest/hooks.js';
import { activeRulesFrom, ruleCacheFor } from '../send/step-adapters.js';
import type { Deps } from '../shared/deps.js';
import { recordConversion } from './record-conversion.js';

/** Ingestion's seam: every recorded order is attributed once, after its coupons were redeemed. */
export const attributionOnOrderRecorded = (deps: Deps): OrderRecordedHook => {
  const rules = activeRulesFrom(ruleCacheFor(deps));
  return async (order) => {
    const attribution = await recordConversion({ ...deps, rules }, order);
    if (attribution) deps.log.info('order attributed', { orderId: order.orderId, ...attribution });
  };
};

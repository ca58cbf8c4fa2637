import type { FaultRates } from '../functions/faults/fault-plan.js';

/**
 * Splits one failure rate over the kinds: a DynamoDB request fails with chance `rate` (a quarter
 * per kind), and so does an SES call (throttling, 5xx, timeouts after SES took the message,
 * crashes after it answered, and a few permanent refusals).
 */
export const faultRatesFor = (rate: number, sesRate = rate): FaultRates => ({
  'dynamodb.throttle': rate / 4,
  'dynamodb.5xx-before': rate / 4,
  'dynamodb.5xx-after': rate / 4,
  'dynamodb.timeout-after': rate / 4,
  'ses.throttle': sesRate * 0.3,
  'ses.5xx': sesRate * 0.2,
  'ses.refused': sesRate * 0.1,
  'ses.timeout-after-accept': sesRate * 0.2,
  'crash-after-ses-accept': sesRate * 0.2,
});

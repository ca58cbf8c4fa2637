/**
 * AWS list prices, us-east-1, in US dollars, as published on each service's pricing page.
 * Free tiers are left out: at the scale this plans for they are used up in the first hours.
 */
export const prices = {
  /** https://aws.amazon.com/ses/pricing/ : $0.10 per 1,000 outbound emails. */
  sesPerEmail: 0.1 / 1_000,
  /** https://aws.amazon.com/lambda/pricing/ : Arm, $0.0000133334 per GB-second (first 6 billion GB-s a month). */
  lambdaArmPerGbSecond: 0.0000133334,
  /** https://aws.amazon.com/lambda/pricing/ : $0.20 per 1 million requests. */
  lambdaPerRequest: 0.2 / 1_000_000,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ : $0.625 per million write request units. */
  dynamoPerWriteUnit: 0.625 / 1_000_000,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ : $0.125 per million read request units. */
  dynamoPerReadUnit: 0.125 / 1_000_000,
  /** https://aws.amazon.com/eventbridge/pricing/ : custom events, $1.00 per million (64 KB chunks). */
  eventBridgePerEvent: 1 / 1_000_000,
  /** https://aws.amazon.com/eventbridge/pricing/ (Scheduler): $1.00 per million invocations after 14 million free. */
  schedulerPerInvocation: 1 / 1_000_000,
} as const;

import * as z from '../shared/zod.js';

/**
 * The part of an SES event (configuration set to EventBridge, default bus) that nudge reads.
 * `z.lazy`: built on the first parse, not at import.
 */
export const sesEventDetailSchema = z.lazy(() =>
  z.looseObject({
    eventType: z.enum([
      'Send',
      'Reject',
      'Bounce',
      'Complaint',
      'Delivery',
      'Open',
      'Click',
      'Rendering Failure',
      'DeliveryDelay',
      'Subscription',
    ]),
    mail: z.looseObject({
      messageId: z.string(),
      destination: z._default(z.array(z.string()), []),
      tags: z._default(z.record(z.string(), z.array(z.string())), {}),
    }),
    bounce: z.optional(z.looseObject({ bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']) })),
  }),
);
export type SesEventDetail = z.infer<typeof sesEventDetailSchema>;

export const SES_SOURCE = 'aws.ses';
export const sesDetailTypes = [
  'Email Sent',
  'Email Delivered',
  'Email Bounced',
  'Email Complaint Received',
  'Email Opened',
  'Email Clicked',
] as const;

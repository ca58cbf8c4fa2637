import * as z from 'zod';

/** The EventBridge envelope as a target receives it; `z.lazy`: built on the first parse, not at import. */
export const eventBridgeEnvelopeSchema = z.lazy(() =>
  z.object({
    version: z.string().default('0'),
    id: z.string().min(1),
    'detail-type': z.string().min(1),
    source: z.string().min(1),
    account: z.string().default('000000000000'),
    time: z.string(),
    region: z.string().default('local'),
    resources: z.array(z.string()).default([]),
    detail: z.unknown(),
  }),
);
export type EventBridgeEnvelope = z.infer<typeof eventBridgeEnvelopeSchema>;

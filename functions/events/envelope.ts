import * as z from '../shared/zod.js';

/** The EventBridge envelope as a target receives it; `z.lazy`: built on the first parse, not at import. */
export const eventBridgeEnvelopeSchema = z.lazy(() =>
  z.object({
    version: z._default(z.string(), '0'),
    id: z.string().check(z.minLength(1)),
    'detail-type': z.string().check(z.minLength(1)),
    source: z.string().check(z.minLength(1)),
    account: z._default(z.string(), '000000000000'),
    time: z.string(),
    region: z._default(z.string(), 'local'),
    resources: z._default(z.array(z.string()), []),
    detail: z.unknown(),
  }),
);
export type EventBridgeEnvelope = z.infer<typeof eventBridgeEnvelopeSchema>;

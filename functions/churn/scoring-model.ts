import { instant } from '../events/primitives.js';
import * as z from '../shared/zod.js';
import { bgNbdParamsSchema } from './bgnbd.js';
import { gammaGammaParamsSchema } from './gamma-gamma.js';

/** Value-if-retained above `mid` is tier mid, above `high` tier high; minor units. */
export const valueCutoffsSchema = z.lazy(() =>
  z.object({
    mid: z.number().check(z.nonnegative()),
    high: z.number().check(z.nonnegative()),
  }),
);
export type ValueCutoffs = z.infer<typeof valueCutoffsSchema>;

const common = () => ({
  fittedAt: instant,
  customers: z.int().check(z.nonnegative()),
  valueCutoffs: valueCutoffsSchema,
});

/** Everything `scoreCustomer` needs, fitted once per shop per night and stored as JSON. */
export const scoringModelSchema = z.lazy(() =>
  z.discriminatedUnion('method', [
    z.object({
      method: z.literal('bgnbd'),
      timeUnit: z.enum(['day', 'week']),
      params: bgNbdParamsSchema,
      logLikelihood: z.number(),
      /** Gamma-Gamma spend model; null when too few customers made a paid repeat purchase. */
      spend: z.nullable(gammaGammaParamsSchema),
      ...common(),
    }),
    z.object({
      method: z.literal('heuristic'),
      reason: z.string(),
      ...common(),
    }),
  ]),
);
export type ScoringModel = z.infer<typeof scoringModelSchema>;

import * as z from '../shared/zod.js';

const count = z.catch(z.number(), 0);

/**
 * The part of a `GET /api/campaigns` item the simulation reports. Loose on purpose: the route
 * may carry more, and a figure it lacks reads as zero rather than failing a long run at the end.
 */
export const campaignFiguresSchema = z.looseObject({
  id: z.string(),
  type: z.catch(z.string(), 'unknown'),
  status: z.catch(
    z.union([z.string(), z.looseObject({ state: z.string(), reason: z.nullish(z.string()) })]),
    'unknown',
  ),
  reason: z.nullish(z.string()),
  statusReason: z.nullish(z.string()),
  metrics: z.catch(
    z.looseObject({
      sent: count,
      conversions: count,
      revenue: count,
      spend: count,
      skipped: z.optional(z.unknown()),
      skippedByReason: z.optional(z.record(z.string(), z.number())),
    }),
    { sent: 0, conversions: 0, revenue: 0, spend: 0 },
  ),
  budget: z.catch(
    z.array(
      z.looseObject({ scope: z.string(), cap: z.nullish(z.number()), reserved: count, settled: count }),
    ),
    [],
  ),
  /** The campaign's liability (reserved + settled on its total scope), minor units. */
  spend: z._default(count, 0),
  lift: z.optional(z.unknown()),
});
export type CampaignFigures = z.infer<typeof campaignFiguresSchema>;

export const readCampaigns = (body: unknown): CampaignFigures[] => {
  const list = Array.isArray(body)
    ? body
    : ((body as { campaigns?: unknown[] } | undefined)?.campaigns ?? []);
  return list.flatMap((item) => {
    const parsed = campaignFiguresSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
};

export const statusOf = (campaign: CampaignFigures): { state: string; reason: string | null } =>
  typeof campaign.status === 'string'
    ? { state: campaign.status, reason: campaign.statusReason ?? campaign.reason ?? null }
    : { state: campaign.status.state, reason: campaign.status.reason ?? campaign.reason ?? null };

/** The scope whose cap binds first: the campaign's total, else its tightest capped scope. */
export const headlineScope = (campaign: CampaignFigures) =>
  campaign.budget.find(
    (scope) => scope.scope === `campaign:${campaign.id}:total` && typeof scope.cap === 'number',
  ) ?? campaign.budget.filter((scope) => typeof scope.cap === 'number').sort((a, b) => b.cap! - a.cap!)[0];

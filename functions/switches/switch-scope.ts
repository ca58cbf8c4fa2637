import * as z from '../shared/zod.js';

export const switchStates = ['active', 'paused', 'killed'] as const;
export type SwitchState = (typeof switchStates)[number];

export const switchStateSchema = z.lazy(() =>
  z.enum(switchStates, { error: 'must be one of active, paused, killed' }),
);

/** Campaign ids are slugs (functions/rules/schema/primitives.ts). */
const scopePattern = /^(global|channel:email|campaign:[a-z0-9][a-z0-9-]{0,63})$/;

export const switchScopeSchema = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(
        scopePattern,
        'must be global, channel:email or campaign:<campaign id> (lowercase letters, digits, hyphens)',
      ),
    ),
);
export type SwitchScope = z.infer<typeof switchScopeSchema>;

export const GLOBAL_SWITCH = 'global';
export const EMAIL_SWITCH = 'channel:email';
export const campaignSwitch = (campaignId: string): string => `campaign:${campaignId}`;

/** Every switch that must be active for a campaign to send or issue a coupon, widest first. */
export const switchesForCampaign = (campaignId: string): string[] => [
  GLOBAL_SWITCH,
  EMAIL_SWITCH,
  campaignSwitch(campaignId),
];

export const campaignIdOfScope = (scope: string): string | undefined =>
  scope.startsWith('campaign:') ? scope.slice('campaign:'.length) : undefined;

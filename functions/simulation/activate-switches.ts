import type { Deps } from '../shared/deps.js';
import { ensureSwitches } from '../switches/switch-commands.js';

/**
 * Creates any missing switch (global, email, one per campaign) as active, as an operator would
 * before the first send: a missing switch means stop. Idempotent; existing switches are kept.
 */
export async function activateMissingSwitches(deps: Deps, baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/campaigns`);
  const campaigns = response.ok ? ((await response.json()) as Array<{ id: string }>) : [];
  await ensureSwitches(deps, { campaignIds: campaigns.map((campaign) => campaign.id), actor: 'simulation' });
}

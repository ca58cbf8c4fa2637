import type { Clock } from '../shared/clock.js';
import { contentHash } from './canonical-json.js';
import { describeChanges, type RuleChangeSummary, summarizeChanges } from './change-summary.js';
import { PublishConflictError, type RuleVersionStore } from './rule-store.js';
import type { RuleSet } from './schema/index.js';

export interface PublishResult {
  /** False when the active version already had this content: nothing was written. */
  published: boolean;
  version: number;
  hash: string;
  summary?: RuleChangeSummary;
  description: string;
}

interface PublishDeps {
  store: RuleVersionStore;
  clock: Clock;
  /** Creates missing switches (as active) for the set's campaigns; never changes an existing one. */
  ensureSwitches?: (campaignIds: string[]) => Promise<unknown>;
}

interface PublishOptions {
  actor: string;
  source?: 'publish' | 'rollback';
  rolledBackFrom?: number;
}

/**
 * Publishes a validated rule set as the next immutable version, or does nothing when the
 * active version already has the same content. Validate first: this trusts its input.
 */
export const publishRuleSet = async (
  { store, clock, ensureSwitches }: PublishDeps,
  ruleSet: RuleSet,
  { actor, source = 'publish', rolledBackFrom }: PublishOptions,
): Promise<PublishResult> => {
  // Switches first: a missing switch means stop, so a new campaign must not go live without one.
  await ensureSwitches?.(ruleSet.campaigns.map((campaign) => campaign.id));
  const hash = contentHash(ruleSet);
  const active = await store.readActive();
  if (active?.hash === hash) {
    return { published: false, version: active.version, hash, description: 'unchanged' };
  }
  const previous = active ? await store.getVersion(active.version) : undefined;
  const summary = summarizeChanges(previous, ruleSet);
  const version = (active?.version ?? 0) + 1;
  try {
    await store.appendVersion(
      {
        version,
        hash,
        actor,
        publishedAt: clock.now().toISOString(),
        summary,
        source,
        ...(rolledBackFrom === undefined ? {} : { rolledBackFrom }),
        ruleSet,
      },
      active?.version,
    );
  } catch (error) {
    if (!(error instanceof PublishConflictError)) throw error;
    // Two publishes of the same content (say the local runtime and a CLI) both mean "make this live".
    const winner = await store.readActive();
    if (winner?.hash === hash)
      return { published: false, version: winner.version, hash, description: 'unchanged' };
    throw error;
  }
  return { published: true, version, hash, summary, description: describeChanges(summary) };
};

/** Makes an old version live again by publishing a copy of it as the newest version. */
export const rollbackRuleSet = async (
  deps: PublishDeps,
  version: number,
  actor: string,
): Promise<PublishResult> => {
  const ruleSet = await deps.store.getVersion(version);
  return publishRuleSet(deps, ruleSet, { actor, source: 'rollback', rolledBackFrom: version });
};

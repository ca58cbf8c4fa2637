import { existsSync } from 'node:fs';
import { loadRuleFiles } from '../functions/rules/load-rule-files.js';
import { publishRuleSet } from '../functions/rules/publish.js';
import { createDynamoRuleStore } from '../functions/rules/rule-store.js';
import { formatProblem, validateRuleSetFiles } from '../functions/rules/validate.js';
import type { Deps } from '../functions/shared/deps.js';
import { ensureSwitches } from '../functions/switches/switch-commands.js';

export type RulesAtStart =
  | { published: boolean; version: number; description: string }
  | { published: false; skipped: string };

export class InvalidRulesError extends Error {
  override name = 'InvalidRulesError';
}

/**
 * Validates the rules folder and publishes it as a new version (nothing is written when the
 * active version already has the same content). Invalid rules stop the start: nothing half-valid
 * goes live. A missing default folder is skipped; a missing folder that was asked for is an error.
 */
export const publishRulesAtStart = async (
  deps: Pick<Deps, 'db' | 'tables' | 'clock' | 'bus'>,
  rules: { dir: string; explicit: boolean },
): Promise<RulesAtStart> => {
  if (!existsSync(rules.dir)) {
    if (rules.explicit)
      throw new InvalidRulesError(`There is no rules folder at ${rules.dir}; check --rules.`);
    return { published: false, skipped: `no rules folder at ${rules.dir}` };
  }
  const validation = validateRuleSetFiles(await loadRuleFiles(rules.dir));
  if (!validation.ok) {
    const problems = validation.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n');
    throw new InvalidRulesError(
      `The rules in ${rules.dir} are not valid, so nothing was published:\n${problems}`,
    );
  }
  const store = createDynamoRuleStore({ db: deps.db, tableName: deps.tables.control });
  const ensureSwitchesFor = (campaignIds: string[]) =>
    ensureSwitches(deps, { campaignIds, actor: 'local-runtime' });
  const result = await publishRuleSet(
    { store, clock: deps.clock, ensureSwitches: ensureSwitchesFor },
    validation.ruleSet,
    { actor: 'local-runtime' },
  );
  return { published: result.published, version: result.version, description: result.description };
};

import { fileURLToPath } from 'node:url';
import { loadRuleFiles } from '../../../functions/rules/load-rule-files.js';
import type { RuleSet } from '../../../functions/rules/schema/index.js';
import { validateRuleSetFiles } from '../../../functions/rules/validate.js';

export const EXAMPLE_RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

/** The checked-in example rules as { path: content }, a fresh copy each call so tests can edit it. */
export const exampleFiles = async (): Promise<Record<string, string>> => loadRuleFiles(EXAMPLE_RULES_DIR);

export const exampleRuleSet = async (): Promise<RuleSet> => {
  const result = validateRuleSetFiles(await exampleFiles());
  if (!result.ok) throw new Error(`The example rules are invalid: ${JSON.stringify(result.problems)}`);
  return result.ruleSet;
};

/** Edits one JSON file of a rules folder. */
export const editJson = (
  files: Record<string, string>,
  path: string,
  edit: (value: Record<string, unknown>) => void,
): void => {
  const value = JSON.parse(files[path]!) as Record<string, unknown>;
  edit(value);
  files[path] = JSON.stringify(value, null, 2);
};

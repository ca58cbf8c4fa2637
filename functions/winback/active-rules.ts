import { createRuleCache, NoActiveRulesError } from '../rules/rule-cache.js';
import { createDynamoRuleStore } from '../rules/rule-store.js';
import type { Deps } from '../shared/deps.js';
import type { ActiveRules } from './enter-winback.js';

/** The published rule set, re-read at most every 5 s; undefined until something is published. */
export const createActiveRules = ({
  db,
  tables,
  clock,
}: Pick<Deps, 'db' | 'tables' | 'clock'>): ActiveRules => {
  const cache = createRuleCache({ store: createDynamoRuleStore({ db, tableName: tables.control }), clock });
  return {
    async active() {
      try {
        const { version, rules } = await cache.active();
        return { version, ruleSet: rules };
      } catch (error) {
        if (error instanceof NoActiveRulesError) return undefined;
        throw error;
      }
    },
  };
};

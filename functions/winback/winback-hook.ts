import type { ScoredHook } from '../churn/score-segment.js';
import { createCustomerReader } from '../send/customer-reader.js';
import type { Deps } from '../shared/deps.js';
import { createActiveRules } from './active-rules.js';
import { enterWinBack } from './enter-winback.js';
import { createEntryStore } from './entry-store.js';

/** Plugs win-back entry into the churn worker: runs after every stored score. */
export const winBackEntryHook = (deps: Deps): ScoredHook => {
  const entryDeps = {
    rules: createActiveRules(deps),
    customers: createCustomerReader(deps),
    entries: createEntryStore(deps),
    scheduler: deps.scheduler,
    log: deps.log,
  };
  return async (score, stats) => {
    await enterWinBack(entryDeps, score, stats);
  };
};

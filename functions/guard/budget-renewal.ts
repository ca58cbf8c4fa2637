import { isRenewedBudgetPause } from '../switches/budget-pause.js';
import { resumeRenewedBudget, type SwitchDeps } from '../switches/switch-commands.js';
import { readAllSwitches } from '../switches/switch-store.js';

/**
 * Formally resumes every budget pause whose period has renewed by `now` (the switch reader already
 * lets sends through; this makes the record, the audit log and `Campaign Resumed` say so).
 * Returns the scopes this call resumed.
 */
export const resumeRenewedBudgets = async (deps: SwitchDeps, now: Date): Promise<string[]> => {
  const switches = await readAllSwitches(deps);
  const renewed = [...switches.values()].filter((record) => isRenewedBudgetPause(record, now));
  const resumed = await Promise.all(
    renewed.map(async (record) => ((await resumeRenewedBudget(deps, record)) ? [record.scope] : [])),
  );
  return resumed.flat();
};

import type { Clock } from '../shared/clock.js';
import { isRenewedBudgetPause } from './budget-pause.js';
import type { SwitchState } from './switch-scope.js';
import { readAllSwitches, type SwitchRecord, type SwitchStoreDeps } from './switch-store.js';

export interface SwitchReaderDeps extends SwitchStoreDeps {
  /** Decides whether a budget pause's period has renewed. */
  clock: Clock;
}

export type SwitchVerdict =
  | { open: true }
  | { open: false; scope: string; state: SwitchState | 'missing' | 'unreadable'; reason?: string };

/**
 * Switch reads are cached for at most this long, so a pause, resume or kill made anywhere takes
 * effect for new sends and issues within this plus one request (DESIGN.md: within 5 seconds).
 */
export const SWITCH_CACHE_MS = 2_000;

const cache = new Map<string, { readAt: number; switches: Map<string, SwitchRecord> }>();

/** Drops this process's cached switches, so its own change is seen at once. */
export const forgetCachedSwitches = (controlTable: string): void => {
  cache.delete(controlTable);
};

const currentSwitches = async (
  deps: SwitchStoreDeps,
  maxAgeMs: number,
): Promise<Map<string, SwitchRecord>> => {
  const cached = cache.get(deps.tables.control);
  if (cached && Date.now() - cached.readAt <= maxAgeMs) return cached.switches;
  const switches = await readAllSwitches(deps);
  cache.set(deps.tables.control, { readAt: Date.now(), switches });
  return switches;
};

/**
 * Open only when every scope has a switch that is `active`, or paused for a budget whose period
 * has renewed (`detail.resumeAt` has passed); missing or unreadable means stop.
 */
export const checkSwitches = async (
  deps: SwitchReaderDeps,
  scopes: string[],
  { maxAgeMs = SWITCH_CACHE_MS }: { maxAgeMs?: number } = {},
): Promise<SwitchVerdict> => {
  let switches: Map<string, SwitchRecord>;
  try {
    switches = await currentSwitches(deps, maxAgeMs);
  } catch {
    return { open: false, scope: scopes[0] ?? 'global', state: 'unreadable' };
  }
  const now = deps.clock.now();
  for (const scope of scopes) {
    const found = switches.get(scope);
    if (!found) return { open: false, scope, state: 'missing' };
    if (found.state !== 'active' && !isRenewedBudgetPause(found, now))
      return { open: false, scope, state: found.state, reason: found.reason };
  }
  return { open: true };
};

import { type LedgerDeps, readStoredScope } from './ensure-scope.js';
import { UNLIMITED } from './ledger-items.js';
import { MILLI_PER_MINOR } from './scopes.js';

/** A scope's totals over its shards, in milli-minor units; cap undefined when uncapped. */
export interface ScopeTotals {
  scope: string;
  cap: number | undefined;
  reserved: number;
  settled: number;
  released: number;
  remaining: number | undefined;
  shards: number;
}

export const readScopeTotals = async (deps: LedgerDeps, scopeKey: string): Promise<ScopeTotals> => {
  const stored = await readStoredScope(deps, scopeKey);
  const items = stored?.items ?? [];
  const sum = (pick: (item: (typeof items)[number]) => number) =>
    items.reduce((total, item) => total + pick(item), 0);
  const capped = items.length > 0 && items.every((item) => item.cap < UNLIMITED / 64);
  return {
    scope: scopeKey,
    cap: capped ? sum((item) => item.cap) : undefined,
    reserved: sum((item) => item.reserved),
    settled: sum((item) => item.settled),
    released: sum((item) => item.released),
    remaining: capped ? sum((item) => item.remaining) : undefined,
    shards: stored?.shards ?? 0,
  };
};

/**
 * The figures a marketer reads, in minor units of the shop currency. Held amounts round up and
 * what is left rounds down, so a fraction of a cent of email cost never makes a cap look looser.
 */
export interface ScopeFigures {
  scope: string;
  cap: number | null;
  reserved: number;
  settled: number;
  released: number;
  remaining: number | null;
  /** reserved + settled as a percent of the cap. */
  usedPercent: number | null;
}

export const toFigures = (totals: ScopeTotals): ScopeFigures => ({
  scope: totals.scope,
  cap: totals.cap === undefined ? null : totals.cap / MILLI_PER_MINOR,
  reserved: Math.ceil(totals.reserved / MILLI_PER_MINOR),
  settled: Math.ceil(totals.settled / MILLI_PER_MINOR),
  released: Math.floor(totals.released / MILLI_PER_MINOR),
  remaining:
    totals.remaining === undefined ? null : Math.max(0, Math.floor(totals.remaining / MILLI_PER_MINOR)),
  usedPercent:
    totals.cap === undefined || totals.cap === 0
      ? null
      : Math.round(((totals.reserved + totals.settled) / totals.cap) * 1000) / 10,
});

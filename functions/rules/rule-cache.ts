import type { Clock } from '../shared/clock.js';
import type { RuleVersionStore } from './rule-store.js';
import type { RuleSet } from './schema/index.js';

export interface ActiveRules {
  version: number;
  rules: RuleSet;
}

export interface RuleCache {
  /** The active rule set, at most maxAgeMs stale. */
  active(): Promise<ActiveRules>;
  /** One exact version; versions never change, so each is read once per container. */
  version(version: number): Promise<RuleSet>;
}

export class NoActiveRulesError extends Error {
  override name = 'NoActiveRulesError';
}

export const RULE_CACHE_MAX_AGE_MS = 5000;

/**
 * Hot reload: handlers ask the cache on every invocation; it re-reads the small active pointer
 * when it is older than maxAgeMs, so a published version takes effect within that time.
 */
export const createRuleCache = ({
  store,
  clock,
  maxAgeMs = RULE_CACHE_MAX_AGE_MS,
}: {
  store: Pick<RuleVersionStore, 'readActive' | 'getVersion'>;
  clock: Clock;
  maxAgeMs?: number;
}): RuleCache => {
  const versions = new Map<number, Promise<RuleSet>>();
  let pointer: { version: number; readAt: number } | undefined;

  const version = (number: number): Promise<RuleSet> => {
    let cached = versions.get(number);
    if (!cached) {
      cached = store.getVersion(number);
      versions.set(number, cached);
      cached.catch(() => versions.delete(number));
    }
    return cached;
  };

  const activeVersion = async (): Promise<number> => {
    const now = clock.now().getTime();
    if (pointer && now - pointer.readAt < maxAgeMs) return pointer.version;
    // Stamped before the read, so the age never understates how stale the pointer may be.
    const active = await store.readActive();
    if (!active) throw new NoActiveRulesError('No rule set has been published yet; run "npx nudge publish"');
    pointer = { version: active.version, readAt: now };
    return active.version;
  };

  return {
    async active() {
      const number = await activeVersion();
      return { version: number, rules: await version(number) };
    },
    version,
  };
};

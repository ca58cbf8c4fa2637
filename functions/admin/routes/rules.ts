import { publishRuleSet } from '../../rules/publish.js';
import {
  createDynamoRuleStore,
  PublishConflictError,
  RuleSetTooLargeError,
  type RuleVersionStore,
} from '../../rules/rule-store.js';
import { validateRuleSetFiles } from '../../rules/validate.js';
import type { Clock } from '../../shared/clock.js';
import type { Deps } from '../../shared/deps.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { ensureSwitches } from '../../switches/switch-commands.js';
import { HttpError, json, type Route } from '../router.js';

const HISTORY_LIMIT = 50;

const publishBodySchema = lazy(() =>
  z.object({
    files: z.record(z.string().check(z.maxLength(300)), z.string().check(z.maxLength(1_000_000))).check(
      z.refine((files) => Object.keys(files).length <= 2000, {
        message: 'at most 2000 files',
      }),
    ),
    actor: z.string().check(z.minLength(1), z.maxLength(200)),
  }),
);

/** GET /api/rules: the active version and the history, newest first. */
export const rulesOverview = async (store: RuleVersionStore) => {
  const [active, history] = await Promise.all([store.readActive(), store.history(HISTORY_LIMIT)]);
  return { active: active ?? null, history };
};

/** POST /api/rules: validate an uploaded folder exactly as `nudge validate` does, then publish it. */
export const publishUploadedRules = async (
  deps: {
    store: RuleVersionStore;
    clock: Clock;
    ensureSwitches?: (campaignIds: string[]) => Promise<unknown>;
  },
  body: unknown,
) => {
  if (typeof body !== 'object' || body === null) {
    throw new HttpError(
      400,
      'invalid_request',
      'The body must be JSON: { "files": { "settings.json": "..." }, "actor": "..." }',
    );
  }
  const { files, actor } = publishBodySchema().parse(body);
  const validation = validateRuleSetFiles(files);
  if (!validation.ok) {
    const count = validation.problems.length;
    return json(
      {
        error: {
          code: 'invalid_rules',
          message: `${count} problem${count === 1 ? '' : 's'} in the rules; nothing was published`,
          problems: validation.problems,
        },
      },
      400,
    );
  }
  try {
    const result = await publishRuleSet(deps, validation.ruleSet, { actor });
    return json(result, result.published ? 201 : 200);
  } catch (error) {
    if (error instanceof PublishConflictError)
      return json({ error: { code: 'conflict', message: error.message } }, 409);
    if (error instanceof RuleSetTooLargeError) {
      return json({ error: { code: 'rules_too_large', message: error.message } }, 413);
    }
    throw error;
  }
};

export const rulesRoutes = ({
  db,
  tables,
  clock,
  bus,
}: Pick<Deps, 'db' | 'tables' | 'clock' | 'bus'>): Route[] => {
  const store = createDynamoRuleStore({ db, tableName: tables.control });
  const createMissingSwitches = (campaignIds: string[]) =>
    ensureSwitches({ db, tables, bus, clock }, { campaignIds });
  return [
    { method: 'GET', path: '/api/rules', handle: async () => json(await rulesOverview(store)) },
    {
      method: 'POST',
      path: '/api/rules',
      handle: async (request) =>
        publishUploadedRules({ store, clock, ensureSwitches: createMissingSwitches }, request.body),
    },
  ];
};

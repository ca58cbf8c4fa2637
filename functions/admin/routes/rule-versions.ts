import { createDynamoRuleStore, RuleVersionNotFoundError } from '../../rules/rule-store.js';
import type { Deps } from '../../shared/deps.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { HttpError, json, type Route } from '../router.js';

const versionSchema = lazy(() => z.coerce.number().check(z.int(), z.positive()));

/** `GET /api/rules/versions/{version}`: one published rule set, whole, so the dashboard can diff two. */
export const ruleVersionRoutes = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): Route[] => {
  const store = createDynamoRuleStore({ db, tableName: tables.control });
  return [
    {
      method: 'GET',
      path: '/api/rules/versions/:version',
      handle: async (request) => {
        const version = versionSchema().safeParse(request.params.version);
        if (!version.success) {
          throw new HttpError(
            400,
            'invalid_version',
            `"${request.params.version}" is not a version number such as 3.`,
          );
        }
        try {
          return json({ version: version.data, ruleSet: await store.getVersion(version.data) });
        } catch (error) {
          if (error instanceof RuleVersionNotFoundError) {
            throw new HttpError(404, 'not_found', `Rule version ${version.data} does not exist.`);
          }
          throw error;
        }
      },
    },
  ];
};

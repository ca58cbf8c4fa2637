import type { Deps } from '../../shared/deps.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { asGuardWillRecord } from '../../switches/budget-pause.js';
import { listSwitchAudit } from '../../switches/switch-audit.js';
import { setSwitch } from '../../switches/switch-commands.js';
import { EMAIL_SWITCH, GLOBAL_SWITCH, switchScopeSchema, switchStates } from '../../switches/switch-scope.js';
import { readAllSwitches, type SwitchRecord } from '../../switches/switch-store.js';
import { HttpError, json, type Route } from '../router.js';

const bodySchema = lazy(() =>
  z.object({
    state: z.unknown(),
    reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
    actor: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  }),
);

type ListedSwitch = Partial<Omit<SwitchRecord, 'state'>> & {
  scope: string;
  state: SwitchRecord['state'] | 'missing';
};

const limitSchema = lazy(() =>
  z.object({ limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 100) }),
);

/** `GET /api/switches`, `PUT /api/switches/{scope}` and `GET /api/switches/audit`. */
export const switchRoutes = (deps: Deps): Route[] => [
  {
    method: 'GET',
    path: '/api/switches',
    handle: async () => {
      const stored = await readAllSwitches(deps);
      const now = deps.clock.now();
      // The two always-present switches are shown even when missing: missing means stop.
      const listed: ListedSwitch[] = [...stored.values()].map((record) => asGuardWillRecord(record, now));
      for (const scope of [GLOBAL_SWITCH, EMAIL_SWITCH]) {
        if (!stored.has(scope)) listed.push({ scope, state: 'missing' });
      }
      return json(listed.sort((a, b) => a.scope.localeCompare(b.scope)));
    },
  },
  {
    method: 'GET',
    path: '/api/switches/audit',
    handle: async (request) => json(await listSwitchAudit(deps, limitSchema().parse(request.query))),
  },
  {
    method: 'PUT',
    path: '/api/switches/:scope',
    handle: async (request) => {
      const scope = switchScopeSchema.safeParse(request.params.scope);
      if (!scope.success) {
        throw new HttpError(
          400,
          'invalid_scope',
          `Unknown switch scope "${request.params.scope}": ${scope.error.issues[0]?.message}.`,
        );
      }
      const body = bodySchema().parse(request.body ?? {});
      const state = z.enum(switchStates).safeParse(body.state);
      if (!state.success) {
        throw new HttpError(
          400,
          'invalid_state',
          `Unknown state ${JSON.stringify(body.state)}: use active, paused or killed.`,
        );
      }
      if (state.data !== 'active' && !body.reason) {
        throw new HttpError(400, 'reason_required', `Say why: a ${state.data} switch needs a "reason".`);
      }
      const actor = body.actor ?? request.headers['x-nudge-actor'] ?? 'admin-api';
      const { record, previous } = await setSwitch(deps, {
        scope: scope.data,
        state: state.data,
        reason: body.reason,
        actor,
      });
      return json({ ...record, previous });
    },
  },
];

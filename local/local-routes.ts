import { z } from 'zod';
import { HttpError, json, type Route } from '../functions/admin/router.js';
import type { EventBridgeEnvelope } from '../functions/events/envelope.js';
import { instant } from '../functions/events/primitives.js';
import { durationToMs } from '../functions/rules/schema/duration.js';
import type { Clock } from '../functions/shared/clock.js';
import type { PendingSchedule } from './local-scheduler.js';
import type { OutboxMessage } from './outbox.js';

export interface LocalRouteDeps {
  clock: Clock;
  clockMode: 'real' | 'virtual';
  /** Moves virtual time to `target`, firing what falls due; resolves when all that work is done. */
  advanceTo(target: Date): Promise<void>;
  idle(): Promise<void>;
  outbox(): OutboxMessage[];
  events(): EventBridgeEnvelope[];
  schedules(): PendingSchedule[];
  /** Where the data lives, so it can be inspected with any DynamoDB tool. */
  runtime: { dynamoEndpoint: string; tables: Record<string, string>; dataDir: string; rules: unknown };
}

const advanceSchema = z
  .object({
    by: z
      .string()
      .refine((value) => durationToMs(value) !== undefined, 'must be a duration such as PT4H, P3D or PT30M')
      .optional(),
    to: z.optional(instant),
  })
  .refine((body) => (body.by === undefined) !== (body.to === undefined), 'give exactly one of "by" or "to"');

/** Routes only the local runtime has: the clock, the outbox, the event log and waiting for idle. */
export const localRoutes = (deps: LocalRouteDeps): Route[] => [
  {
    method: 'GET',
    path: '/api/clock',
    handle: async () => json({ now: deps.clock.now().toISOString(), mode: deps.clockMode }),
  },
  {
    method: 'POST',
    path: '/api/clock/advance',
    handle: async (request) => {
      if (deps.clockMode !== 'virtual') {
        throw new HttpError(
          409,
          'clock_not_virtual',
          'The clock is real; start with --clock virtual to move time.',
        );
      }
      const body = advanceSchema.parse(request.body ?? {});
      const now = deps.clock.now();
      const target = body.by ? new Date(now.getTime() + durationToMs(body.by)!) : new Date(body.to!);
      if (target.getTime() < now.getTime()) {
        throw new HttpError(
          400,
          'clock_backwards',
          `The clock is at ${now.toISOString()} and never moves backwards.`,
        );
      }
      await deps.advanceTo(target);
      return json({ now: deps.clock.now().toISOString() });
    },
  },
  {
    method: 'POST',
    path: '/api/idle',
    handle: async () => {
      await deps.idle();
      return json({ now: deps.clock.now().toISOString() });
    },
  },
  {
    method: 'GET',
    path: '/api/runtime',
    handle: async () => json({ clock: deps.clockMode, now: deps.clock.now().toISOString(), ...deps.runtime }),
  },
  { method: 'GET', path: '/api/outbox', handle: async () => json(deps.outbox()) },
  { method: 'GET', path: '/api/events', handle: async () => json(deps.events()) },
  { method: 'GET', path: '/api/schedules', handle: async () => json(deps.schedules()) },
];

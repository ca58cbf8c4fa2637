import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dayKey } from '../budget/periods.js';
import { eventBridgeEnvelopeSchema } from '../events/envelope.js';
import { sesEventDetailSchema } from '../events/ses-events.js';
import { createDeadLetterStore } from '../ingest/dead-letters.js';
import { withDeadLetter } from '../ingest/with-dead-letter.js';
import { incrementChannelMetrics } from '../metrics/campaign-metrics.js';
import { SUPPRESSION_SK } from '../send/customer-reader.js';
import { activeRulesFrom, ruleCacheFor } from '../send/step-adapters.js';
import type { Deps } from '../shared/deps.js';
import { InvalidEventError } from '../shared/errors.js';
import * as z from '../shared/zod.js';
import { isConditionFailure } from '../store/dynamo.js';
import { customerIdOfTags, effectOf } from './ses-outcome.js';

const SEEN_TTL_SECONDS = 14 * 86_400;

const putOnce = async (
  deps: Pick<Deps, 'db'>,
  tableName: string,
  item: Record<string, unknown>,
): Promise<boolean> => {
  try {
    await deps.db.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** SES events from the configuration set: hard bounces and complaints suppress; counts feed the reputation breaker. */
export const createSesEventsHandler = (deps: Deps) => {
  const rules = activeRulesFrom(ruleCacheFor(deps));
  return withDeadLetter(
    'ses-events',
    { ...deps, deadLetters: createDeadLetterStore(deps) },
    async (event) => {
      const envelope = eventBridgeEnvelopeSchema.safeParse(event);
      const detail = sesEventDetailSchema.safeParse(envelope.success ? envelope.data.detail : undefined);
      if (!detail.success) throw new InvalidEventError(`SES event: ${z.prettifyError(detail.error)}`);
      const effect = effectOf(detail.data);
      if (effect.kind === 'ignore') return;
      const now = deps.clock.now();
      const { mail } = detail.data;
      if (effect.kind === 'suppress') {
        const customerId = customerIdOfTags(mail.tags);
        if (customerId) {
          await putOnce(deps, deps.tables.customers, {
            pk: customerId,
            sk: SUPPRESSION_SK,
            reason: effect.reason,
            at: now.toISOString(),
            sesMessageId: mail.messageId,
          });
        } else {
          deps.log.warn('SES event without a customer tag; address not suppressed', {
            sesMessageId: mail.messageId,
          });
        }
      }
      // SES may deliver an event twice; count each (message, event type) once.
      const first = await putOnce(deps, deps.tables.control, {
        pk: `ses-event#${mail.messageId}`,
        sk: detail.data.eventType,
        expiresAt: Math.floor(now.getTime() / 1000) + SEEN_TTL_SECONDS,
      });
      if (!first) return;
      const timeZone = (await rules.active())?.ruleSet.settings.timeZone ?? 'UTC';
      await incrementChannelMetrics(deps.db, deps.tables, 'email', dayKey(now, timeZone), {
        [effect.counter]: 1,
      });
    },
  );
};

import { createSesMailer } from '../functions/adapters/aws/ses-mailer.js';
import { claimWrite, type DynamoFaults } from '../functions/faults/dynamo-faults.js';
import type { FaultPlan } from '../functions/faults/fault-plan.js';
import { faultySesClient } from '../functions/faults/ses-faults.js';
import type { Mailer } from '../functions/ports/mailer.js';
import type { Clock } from '../functions/shared/clock.js';
import type { AcceptedSend } from './invariants/invariant.js';

export interface FaultyMailerOptions {
  plan: FaultPlan;
  dynamoFaults: DynamoFaults;
  messagesTable: string;
  /** Where SES "delivers": the runtime's outbox. */
  outbox: Mailer;
  clock: Clock;
  /** Every message SES accepted, each time it accepted it. */
  accepted: AcceptedSend[];
}

/**
 * The real SES mailer adapter over a fake SES that fails as configured and delivers to the
 * outbox. A crash after SES answered makes the function's next writes to that message's claim
 * fail, as if the process had died there.
 */
export const faultyMailer = (options: FaultyMailerOptions): Mailer => ({
  send: (email) =>
    createSesMailer({
      configurationSetName: 'nudge-reliability',
      client: faultySesClient({
        plan: options.plan,
        accept: async () => {
          options.accepted.push({
            messageId: email.messageId,
            campaignId: email.campaignId,
            customerId: email.customerId,
            step: email.step,
            to: email.to,
            at: options.clock.now().getTime(),
          });
          await options.outbox.send(email);
          return `ses-${email.messageId}-${options.accepted.length}`;
        },
        // Both writes that could record the outcome (sent, then unknown) die with the process.
        onCrash: () => options.dynamoFaults.crashOn(claimWrite(options.messagesTable, email), 2),
      }),
    }).send(email),
});

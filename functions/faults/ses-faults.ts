import { type SESClient, SESServiceException, type SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { FaultKind, FaultPlan } from './fault-plan.js';

const sesKinds: readonly FaultKind[] = [
  'ses.throttle',
  'ses.5xx',
  'ses.refused',
  'ses.timeout-after-accept',
  'crash-after-ses-accept',
];

/** What SES received: the raw message and whom it was for. */
export interface AcceptedRawEmail {
  source: string;
  destinations: string[];
  raw: string;
}

export interface FaultySesOptions {
  plan: FaultPlan;
  /** SES took the message: hand it on (the outbox) and answer its message id. */
  accept(email: AcceptedRawEmail): Promise<string>;
  /** SES took the message and answered; the function must now crash before recording it. */
  onCrash(email: AcceptedRawEmail): void;
}

const sesError = (name: string, httpStatusCode: number, message: string) =>
  new SESServiceException({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'fault-injected', attempts: 1 },
    message: `${message} (injected)`,
  });

const timedOut = () => Object.assign(new Error('socket timed out (injected)'), { name: 'TimeoutError' });

/**
 * Stands in for the SES client under the real SES mailer adapter, so the adapter's own error
 * classification is what the send pipeline sees. Throttling and refusals never reach SES; a 5xx
 * leaves it unknown whether SES sent; a timeout or a crash comes after SES accepted.
 */
export const faultySesClient = (options: FaultySesOptions): Pick<SESClient, 'send'> => ({
  send: (async (command: SendRawEmailCommand) => {
    const input = command.input;
    const email: AcceptedRawEmail = {
      source: input.Source ?? '',
      destinations: input.Destinations ?? [],
      raw: new TextDecoder().decode(input.RawMessage?.Data),
    };
    const fault = options.plan.draw(sesKinds);
    if (fault === 'ses.throttle') throw sesError('Throttling', 400, 'Maximum sending rate exceeded.');
    if (fault === 'ses.5xx') throw sesError('ServiceUnavailable', 503, 'Service unavailable');
    if (fault === 'ses.refused') throw sesError('MessageRejected', 400, 'Email address is not verified');
    const messageId = await options.accept(email);
    if (fault === 'ses.timeout-after-accept') throw timedOut();
    // SES answered; the function dies before it can record that (onCrash arranges the death).
    if (fault === 'crash-after-ses-accept') options.onCrash(email);
    return { MessageId: messageId, $metadata: { httpStatusCode: 200 } };
  }) as Pick<SESClient, 'send'>['send'],
});

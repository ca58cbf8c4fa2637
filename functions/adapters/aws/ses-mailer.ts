import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { Mailer, OutgoingEmail } from '../../ports/mailer.js';
import type { AwsEnv } from './aws-env.js';
import { classifySendFailure, failureCode } from './classify-send-failure.js';
import { SendOutcomeUnknownError, SendRefusedError, SendRetryableError } from './send-errors.js';

export interface SesMailerOptions {
  /** Give it `maxAttempts: 1`: an SDK retry after a timeout could send the message twice. */
  client: Pick<SESClient, 'send'>;
  configurationSetName: string;
}

/** Sends raw MIME through SES `SendRawEmail`, tagged with the configuration set that reports events. */
export const createSesMailer = ({ client, configurationSetName }: SesMailerOptions): Mailer => ({
  async send(email: OutgoingEmail) {
    let messageId: string | undefined;
    try {
      const result = await client.send(
        new SendRawEmailCommand({
          ConfigurationSetName: configurationSetName,
          Source: email.from,
          Destinations: [email.to],
          RawMessage: { Data: new TextEncoder().encode(email.raw) },
        }),
      );
      messageId = result.MessageId;
    } catch (error) {
      const code = failureCode(error);
      const kind = classifySendFailure(error);
      if (kind === 'refused') throw new SendRefusedError(code, { cause: error });
      if (kind === 'retryable') throw new SendRetryableError(code, { cause: error });
      throw new SendOutcomeUnknownError(code, { cause: error });
    }
    if (!messageId) throw new SendOutcomeUnknownError('MissingMessageId');
    return { providerMessageId: messageId };
  },
});

/** The mailer of a Lambda that sends email, with its own SES client (one per container). */
export const awsSesMailer = (config: Pick<AwsEnv, 'SES_CONFIGURATION_SET'>): Mailer =>
  createSesMailer({
    // A retry after a timeout could deliver the same message twice; the pipeline records `unknown` instead.
    client: new SESClient({
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
    }),
    configurationSetName: config.SES_CONFIGURATION_SET,
  });

import {
  AccountSendingPausedException,
  MessageRejected,
  SESClient,
  SESServiceException,
  SendRawEmailCommand,
} from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  SendOutcomeUnknownError,
  SendRefusedError,
  SendRetryableError,
} from '../../../functions/adapters/aws/send-errors.js';
import { createSesMailer } from '../../../functions/adapters/aws/ses-mailer.js';
import type { OutgoingEmail } from '../../../functions/ports/mailer.js';
import { PermanentError } from '../../../functions/shared/errors.js';

const ses = mockClient(SESClient);

const email: OutgoingEmail = {
  messageId: 'msg-1',
  campaignId: 'cart-recall',
  customerId: 'c-42',
  step: 1,
  to: 'ada@example.com',
  from: 'Shop <news@shop.example>',
  subject: '你的购物车还在',
  raw: 'From: Shop <news@shop.example>\r\nTo: ada@example.com\r\nSubject: =?UTF-8?B?5L2g55qE?=\r\n\r\n你好',
};

const mailer = () => createSesMailer({ client: new SESClient({}), configurationSetName: 'nudge-dev' });

const serviceError = (name: string, status: number) =>
  new SESServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

describe('SES mailer', () => {
  beforeEach(() => {
    ses.reset();
  });

  it('sends the raw MIME through the configuration set to exactly the recipient', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-123' });

    const result = await mailer().send(email);

    expect(result).toEqual({ providerMessageId: 'ses-123' });
    const [call] = ses.commandCalls(SendRawEmailCommand);
    const input = call!.args[0].input;
    expect(input).toMatchObject({
      ConfigurationSetName: 'nudge-dev',
      Source: 'Shop <news@shop.example>',
      Destinations: ['ada@example.com'],
    });
    expect(Buffer.from(input.RawMessage!.Data!).toString('utf8')).toBe(email.raw);
  });

  it.each([
    [
      'a rejected message',
      new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'a paused account',
      new AccountSendingPausedException({ message: 'paused', $metadata: { httpStatusCode: 400 } }),
    ],
  ])('treats %s as a permanent refusal', async (_case, error) => {
    ses.on(SendRawEmailCommand).rejects(error);

    const failure = await mailer()
      .send(email)
      .catch((caught: unknown) => caught);

    expect(failure).toBeInstanceOf(SendRefusedError);
    expect(failure).toBeInstanceOf(PermanentError);
    expect(failure).toMatchObject({ code: error.name, cause: error });
  });

  it('lets a throttled send be retried, since SES answered that it sent nothing', async () => {
    ses.on(SendRawEmailCommand).rejects(serviceError('Throttling', 400));

    const failure = await mailer()
      .send(email)
      .catch((caught: unknown) => caught);

    expect(failure).toBeInstanceOf(SendRetryableError);
    expect(failure).not.toBeInstanceOf(PermanentError);
  });

  it('lets a send be retried when the connection was refused before the request left', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    await expect(mailer().send(email)).rejects.toBeInstanceOf(SendRetryableError);
  });

  it.each([
    ['a timeout', Object.assign(new Error('Request timed out'), { name: 'TimeoutError' })],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['an internal failure', serviceError('InternalFailure', 500)],
  ])('reports the outcome as unknown after %s, so the send is never repeated', async (_case, error) => {
    ses.on(SendRawEmailCommand).rejects(error);

    const failure = await mailer()
      .send(email)
      .catch((caught: unknown) => caught);

    expect(failure).toBeInstanceOf(SendOutcomeUnknownError);
    expect(failure).toMatchObject({ name: 'SendOutcomeUnknownError', cause: error });
  });

  it('reports the outcome as unknown when SES answers without a message id', async () => {
    ses.on(SendRawEmailCommand).resolves({});

    await expect(mailer().send(email)).rejects.toBeInstanceOf(SendOutcomeUnknownError);
  });
});

import PostalMime from 'postal-mime';
import type { Mailer, OutgoingEmail } from '../functions/ports/mailer.js';
import type { Clock } from '../functions/shared/clock.js';

export interface OutboxMessage {
  messageId: string;
  campaignId: string;
  customerId: string;
  step: number;
  to: string;
  subject: string;
  sentAt: string;
  /** Header names as sent, each with its first value. */
  headers: Record<string, string>;
  text: string | null;
  html: string | null;
  raw: string;
}

/** The local Mailer: keeps every message as it would have gone to SES, in memory, oldest first. */
export class Outbox implements Mailer {
  readonly #messages: OutboxMessage[] = [];
  readonly #byId = new Map<string, OutboxMessage>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    const providerMessageId = `local-${email.messageId}`;
    if (this.#byId.has(email.messageId)) return { providerMessageId };
    const parsed = await PostalMime.parse(email.raw);
    const headers: Record<string, string> = {};
    for (const header of parsed.headers) headers[header.originalKey || header.key] ??= header.value;
    const message: OutboxMessage = {
      messageId: email.messageId,
      campaignId: email.campaignId,
      customerId: email.customerId,
      step: email.step,
      to: email.to,
      subject: email.subject,
      sentAt: this.#clock.now().toISOString(),
      headers,
      text: parsed.text ?? null,
      html: parsed.html ?? null,
      raw: email.raw,
    };
    // Another send of the same messageId may have finished while this one was parsing.
    if (this.#byId.has(email.messageId)) return { providerMessageId };
    this.#byId.set(email.messageId, message);
    this.#messages.push(message);
    return { providerMessageId };
  }

  list(): OutboxMessage[] {
    return [...this.#messages];
  }
}

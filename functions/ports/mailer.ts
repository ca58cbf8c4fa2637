/** One email as it goes on the wire: raw MIME plus what nudge needs to file it. */
export interface OutgoingEmail {
  messageId: string;
  campaignId: string;
  customerId: string;
  step: number;
  to: string;
  from: string;
  subject: string;
  raw: string;
}

export interface Mailer {
  /** Resolves with the provider's message id; throws when the provider refused or the outcome is unknown. */
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
}

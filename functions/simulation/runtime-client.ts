import type { ShopEvent } from './shop-events.js';

/** An outbox message as the simulation reads it: only what a customer would see. */
export interface OutboxEntry {
  campaignId: string;
  customerId: string;
  step: number;
  sentAt: string;
  subject: string;
  text: string | null;
}

/** The narrow view of the local runtime the simulation drives. */
export interface ShopRuntime {
  putEvents(entries: ShopEvent[]): Promise<void>;
  advanceTo(instant: Date): Promise<void>;
  /** Outbox messages from position `offset` on, oldest first. */
  outboxFrom(offset: number): Promise<OutboxEntry[]>;
  /** Undefined when the runtime has no such route (an area not built into it). */
  getJson(path: string): Promise<unknown>;
}

export class RuntimeRequestError extends Error {
  override name = 'RuntimeRequestError';
}

const check = async (response: Response, what: string): Promise<unknown> => {
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message =
      (body as { error?: { message?: string } } | undefined)?.error?.message ?? response.statusText;
    throw new RuntimeRequestError(`${what} failed with ${response.status}: ${message}`);
  }
  return body;
};

/** One PutEvents entry as the runtime's endpoint takes it, with the instant it happened (epoch ms). */
export interface TimedEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  at: number;
}

/** PutEvents over HTTP in the AWS wire format; throws when the call or any entry is refused. */
export const putEntries = async (baseUrl: string, entries: TimedEntry[]): Promise<void> => {
  if (entries.length === 0) return;
  const response = await fetch(`${baseUrl}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
    body: JSON.stringify({
      Entries: entries.map(({ Source, DetailType, Detail, at }) => ({
        Source,
        DetailType,
        Detail,
        Time: at / 1000,
      })),
    }),
  });
  const body = (await check(response, 'PutEvents')) as { FailedEntryCount?: number; Entries?: unknown[] };
  if (body?.FailedEntryCount) {
    throw new RuntimeRequestError(
      `PutEvents rejected ${body.FailedEntryCount} entries: ${JSON.stringify(body.Entries)}`,
    );
  }
};

/**
 * Talks to a running local runtime over HTTP, as a shop and an operator would: PutEvents with
 * the AWS wire format, the virtual clock, the admin API. `readOutbox` lets an in-process caller
 * skip re-downloading the whole outbox after every step.
 */
export const httpShopRuntime = (
  baseUrl: string,
  readOutbox?: (offset: number) => OutboxEntry[],
): ShopRuntime => ({
  putEvents: (entries) => putEntries(baseUrl, entries),
  async advanceTo(instant) {
    const response = await fetch(`${baseUrl}/api/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: instant.toISOString() }),
    });
    await check(response, 'Advancing the clock');
  },
  async outboxFrom(offset) {
    if (readOutbox) return readOutbox(offset);
    const body = await this.getJson('/api/outbox');
    return Array.isArray(body) ? (body as OutboxEntry[]).slice(offset) : [];
  },
  async getJson(path) {
    const response = await fetch(`${baseUrl}${path}`, { headers: { accept: 'application/json' } });
    if (response.status === 404) {
      await response.arrayBuffer();
      return undefined;
    }
    return check(response, `GET ${path}`);
  },
});

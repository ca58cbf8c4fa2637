import type { EventBridgeEnvelope } from '../functions/events/envelope.js';

/** What EventBridge answers to PutEvents, and how the local endpoint answers too. */
export type PutEventsAnswer =
  | { status: 200; body: { FailedEntryCount: number; Entries: Array<{ EventId: string } | EntryError> } }
  | { status: 400; body: { __type: string; message: string } };

interface EntryError {
  ErrorCode: string;
  ErrorMessage: string;
}

export interface PutEventsContext {
  now: Date;
  newId(): string;
  account: string;
  region: string;
  /** Called for every accepted entry, in order. */
  accept(envelope: EventBridgeEnvelope): void;
}

const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

const validationError = (message: string): PutEventsAnswer => ({
  status: 400,
  body: { __type: 'ValidationException', message },
});

const missing = (parameter: string): EntryError => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${parameter} is a required argument.`,
});

const parseDetail = (detail: string): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** EventBridge's `time`: seconds precision, UTC, `Z`. */
const eventTime = (time: unknown, now: Date): string => {
  const date =
    typeof time === 'number' ? new Date(time * 1000) : typeof time === 'string' ? new Date(time) : now;
  const valid = Number.isNaN(date.getTime()) ? now : date;
  return `${valid.toISOString().slice(0, 19)}Z`;
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** Validates a PutEvents request body as EventBridge does and turns accepted entries into envelopes. */
export const putEvents = (body: unknown, context: PutEventsContext): PutEventsAnswer => {
  const entries = (body as { Entries?: unknown } | undefined)?.Entries;
  if (!Array.isArray(entries)) {
    return validationError(
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length < 1 || entries.length > MAX_ENTRIES) {
    return validationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${
        entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES}`
      }`,
    );
  }
  if (Buffer.byteLength(JSON.stringify(entries)) > MAX_REQUEST_BYTES) {
    return validationError('Total size of the entries in the request is over the limit.');
  }
  const results = entries.map((entry: Record<string, unknown>): { EventId: string } | EntryError => {
    const source = text(entry?.Source);
    const detailType = text(entry?.DetailType);
    const detailText = text(entry?.Detail);
    if (!source) return missing('Source');
    if (!detailType) return missing('DetailType');
    if (!detailText) return missing('Detail');
    const detail = parseDetail(detailText);
    if (!detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const id = context.newId();
    context.accept({
      version: '0',
      id,
      'detail-type': detailType,
      source,
      account: context.account,
      time: eventTime(entry.Time, context.now),
      region: context.region,
      resources: Array.isArray(entry.Resources)
        ? entry.Resources.filter((r): r is string => typeof r === 'string')
        : [],
      detail,
    });
    return { EventId: id };
  });
  return {
    status: 200,
    body: { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results },
  };
};

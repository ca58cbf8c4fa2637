import { type EventBridgeEnvelope, eventBridgeEnvelopeSchema } from '../events/envelope.js';
import { type ShopDetailType, shopDetailSchemas } from '../events/shop-events.js';
import { InvalidEventError } from '../shared/errors.js';
import type * as z from '../shared/zod.js';

/** `detail.items[0].unitPrice` from zod's path segments. */
export const formatIssuePath = (prefix: string, path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : `${text}.${String(segment)}`),
    prefix,
  );

/** One line naming every offending field, e.g. `detail.items[0].unitPrice: must be a whole number ...`. */
export const describeIssues = (error: z.$ZodError, prefix: string): string =>
  error.issues
    .map((issue) => {
      const path = formatIssuePath(prefix, issue.path).replace(/^\./, '');
      return `${path || '(event)'}: ${issue.message}`;
    })
    .join('; ');

/** A union over the detail-types, so checking `detailType` narrows `detail`. */
export type ParsedShopEvent<T extends ShopDetailType = ShopDetailType> = {
  [K in T]: { envelope: EventBridgeEnvelope; detailType: K; detail: z.infer<(typeof shopDetailSchemas)[K]> };
}[T];

/** Parses the envelope and the detail for one of `accepted`; anything else is an InvalidEventError. */
export const parseShopEvent = <T extends ShopDetailType>(
  event: unknown,
  accepted: readonly T[],
): ParsedShopEvent<T> => {
  const envelope = eventBridgeEnvelopeSchema.safeParse(event);
  if (!envelope.success) throw new InvalidEventError(describeIssues(envelope.error, ''));
  const detailType = envelope.data['detail-type'];
  if (!(accepted as readonly string[]).includes(detailType)) {
    throw new InvalidEventError(
      `detail-type: unknown detail-type "${detailType}" (expected ${accepted.join(', ')})`,
    );
  }
  const detail = shopDetailSchemas[detailType as T].safeParse(envelope.data.detail);
  if (!detail.success) throw new InvalidEventError(describeIssues(detail.error, 'detail'));
  return { envelope: envelope.data, detailType, detail: detail.data } as ParsedShopEvent<T>;
};

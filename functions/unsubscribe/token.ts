import { createHmac, timingSafeEqual } from 'node:crypto';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';
import { type Keyring, RETIRED_KEY_GRACE_MS } from './keyring.js';

/** What an unsubscribe link stands for: this customer, from everything (`all`) or from one campaign. */
export const unsubscribeClaimSchema = lazy(() =>
  z.object({
    customerId: z.string().check(z.minLength(1)),
    scope: z.string().check(z.minLength(1)),
    /** The campaign whose email carried the link, for the record. */
    campaignId: z.optional(z.string().check(z.minLength(1))),
  }),
);
export type UnsubscribeClaim = z.infer<ReturnType<typeof unsubscribeClaimSchema>>;

export type TokenCheck =
  | { valid: true; claim: UnsubscribeClaim }
  | { valid: false; problem: 'malformed' | 'forged' };

const mac = (secret: string, signed: string): Buffer =>
  createHmac('sha256', Buffer.from(secret, 'base64')).update(signed).digest();

/** `<key id>.<payload>.<HMAC-SHA256>`, all base64url: the key id lets keys rotate. */
export const signUnsubscribeToken = (keyring: Keyring, claim: UnsubscribeClaim): string => {
  const key = keyring.keys.find((candidate) => candidate.id === keyring.current);
  if (!key) throw new Error(`The unsubscribe keyring has no key ${keyring.current}`);
  const payload = Buffer.from(
    JSON.stringify({ c: claim.customerId, s: claim.scope, m: claim.campaignId }),
    'utf8',
  ).toString('base64url');
  const signed = `${key.id}.${payload}`;
  return `${signed}.${mac(key.secret, signed).toString('base64url')}`;
};

const payloadSchema = lazy(() =>
  z.object({
    c: z.string().check(z.minLength(1)),
    s: z.string().check(z.minLength(1)),
    m: z.optional(z.string().check(z.minLength(1))),
  }),
);

const parsePayload = (payload: string): UnsubscribeClaim | undefined => {
  try {
    const parsed = payloadSchema().safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success
      ? { customerId: parsed.data.c, scope: parsed.data.s, campaignId: parsed.data.m }
      : undefined;
  } catch {
    return undefined;
  }
};

export const verifyUnsubscribeToken = (keyring: Keyring, token: string, now: Date): TokenCheck => {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    return { valid: false, problem: 'malformed' };
  }
  const [keyId, payload, signature] = parts as [string, string, string];
  const key = keyring.keys.find((candidate) => candidate.id === keyId);
  if (!key || (key.retiredAt && Date.parse(key.retiredAt) + RETIRED_KEY_GRACE_MS <= now.getTime())) {
    return { valid: false, problem: 'forged' };
  }
  const expected = mac(key.secret, `${keyId}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { valid: false, problem: 'forged' };
  const claim = parsePayload(payload);
  return claim ? { valid: true, claim } : { valid: false, problem: 'malformed' };
};

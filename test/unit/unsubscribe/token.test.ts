import { describe, expect, it } from 'vitest';
import {
  generateKeyring,
  RETIRED_KEY_GRACE_MS,
  rotateKeyring,
} from '../../../functions/unsubscribe/keyring.js';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../../functions/unsubscribe/token.js';

const now = new Date('2030-01-01T00:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const claim = { customerId: 'cust-1', scope: 'all', campaignId: 'cart-recall' };

describe('unsubscribe token', () => {
  it('verifies a token it signed and returns its claim', () => {
    const keyring = generateKeyring(now);

    const token = signUnsubscribeToken(keyring, claim);

    expect(verifyUnsubscribeToken(keyring, token, now)).toEqual({ valid: true, claim });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('rejects a token whose payload was changed to another customer', () => {
    const keyring = generateKeyring(now);
    const [keyId, , signature] = signUnsubscribeToken(keyring, claim).split('.');
    const otherPayload = Buffer.from(JSON.stringify({ c: 'cust-2', s: 'all' })).toString('base64url');

    const check = verifyUnsubscribeToken(keyring, `${keyId}.${otherPayload}.${signature}`, now);

    expect(check).toEqual({ valid: false, problem: 'forged' });
  });

  it('rejects a token signed with another key', () => {
    const token = signUnsubscribeToken(generateKeyring(now), claim);

    expect(verifyUnsubscribeToken(generateKeyring(now), token, now)).toEqual({
      valid: false,
      problem: 'forged',
    });
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', 'k1.%%%.sig'])('rejects the malformed token %j', (token) => {
    expect(verifyUnsubscribeToken(generateKeyring(now), token, now)).toEqual({
      valid: false,
      problem: 'malformed',
    });
  });

  it('keeps verifying links signed before a rotation during the grace period, and not after it', () => {
    const old = generateKeyring(now);
    const token = signUnsubscribeToken(old, claim);

    const rotated = rotateKeyring(old, later(1000));

    expect(rotated.current).not.toBe(old.current);
    expect(verifyUnsubscribeToken(rotated, token, later(RETIRED_KEY_GRACE_MS - 1000)).valid).toBe(true);
    expect(verifyUnsubscribeToken(rotated, token, later(RETIRED_KEY_GRACE_MS + 1000)).valid).toBe(false);
    expect(verifyUnsubscribeToken(rotated, signUnsubscribeToken(rotated, claim), later(2000)).valid).toBe(
      true,
    );
  });
});

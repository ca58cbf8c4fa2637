import { randomBytes } from 'node:crypto';
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod.js';

/** Old keys keep verifying for this long after a rotation, so links in sent emails keep working. */
export const RETIRED_KEY_GRACE_MS = 180 * 86_400_000;

export const keyringSchema = lazy(() =>
  z.object({
    current: z.string().check(z.regex(/^[A-Za-z0-9]+$/)),
    keys: z
      .array(
        z.object({
          id: z.string().check(z.regex(/^[A-Za-z0-9]+$/)),
          /** base64, at least 32 bytes. */
          secret: z.string().check(z.minLength(43)),
          createdAt: z.iso.datetime(),
          retiredAt: z.optional(z.iso.datetime()),
        }),
      )
      .check(z.minLength(1)),
  }),
);
export type Keyring = z.infer<ReturnType<typeof keyringSchema>>;

/** Where the unsubscribe keys come from: Secrets Manager in AWS, the control table locally. */
export interface KeyringSource {
  load(): Promise<Keyring>;
}

const newKey = (now: Date) => ({
  id: `k${now.getTime().toString(36)}${randomBytes(2).toString('hex')}`,
  secret: randomBytes(32).toString('base64'),
  createdAt: now.toISOString(),
});

export const generateKeyring = (now: Date): Keyring => {
  const key = newKey(now);
  return { current: key.id, keys: [key] };
};

/** A new current key; the previous ones are retired now and verify until their grace period ends. */
export const rotateKeyring = (keyring: Keyring, now: Date): Keyring => {
  const key = newKey(now);
  return {
    current: key.id,
    keys: [
      key,
      ...keyring.keys
        .filter((old) => !old.retiredAt || Date.parse(old.retiredAt) + RETIRED_KEY_GRACE_MS > now.getTime())
        .map((old) => ({ ...old, retiredAt: old.retiredAt ?? now.toISOString() })),
    ],
  };
};

/** Reads once and keeps the promise: one read per container, a failed read is retried next time. */
export const cachedKeyring = (source: KeyringSource): KeyringSource => {
  let loading: Promise<Keyring> | undefined;
  return {
    load() {
      loading ??= source.load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return loading;
    },
  };
};

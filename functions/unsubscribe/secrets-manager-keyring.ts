import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type KeyringSource, keyringSchema } from './keyring.js';

/**
 * The keys in AWS: a Secrets Manager secret whose string is the keyring JSON
 * (`{ "current": "k2", "keys": [{ "id", "secret", "createdAt", "retiredAt"? }] }`).
 * Rotation writes a new current key and keeps the old ones with `retiredAt`.
 */
export const secretsManagerKeyring = (
  client: () => Pick<SecretsManagerClient, 'send'>,
  secretArn: string,
): KeyringSource => ({
  async load() {
    const result = await client().send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!result.SecretString) throw new Error(`Secret ${secretArn} has no string value`);
    return keyringSchema().parse(JSON.parse(result.SecretString));
  },
});

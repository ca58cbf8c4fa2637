import { SecretValue, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

/** Fixed, so the keyring's template never changes and a deploy never overwrites a rotated keyring. */
const FIRST_KEY_CREATED_AT = '2025-01-01T00:00:00.000Z';

/**
 * The HMAC keys that sign unsubscribe links, as the keyring JSON functions/unsubscribe reads:
 * `{ "current": "k1", "keys": [{ "id": "k1", "secret", "createdAt" }] }`. Secrets Manager can only
 * generate a flat value, so a seed secret holds the random key and CloudFormation copies it
 * into the keyring by dynamic reference: the key never appears in the template.
 */
export class UnsubscribeKeys extends Construct {
  readonly keyring: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const seed = new secretsmanager.Secret(this, 'Seed', {
      description: 'Random material of the first unsubscribe signing key (copied into the keyring)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    this.keyring = new secretsmanager.Secret(this, 'Keyring', {
      description:
        'Unsubscribe link signing keys: {"current","keys":[{"id","secret","createdAt","retiredAt"?}]}',
      secretStringValue: SecretValue.unsafePlainText(
        Stack.of(this).toJsonString({
          current: 'k1',
          keys: [{ id: 'k1', secret: seed.secretValue.unsafeUnwrap(), createdAt: FIRST_KEY_CREATED_AT }],
        }),
      ),
    });
    for (const secret of [seed, this.keyring]) {
      acknowledge(
        secret,
        'AwsSolutions-SMG4',
        'Links in sent emails must stay verifiable; keys rotate by adding a new current key and retiring the old one, which automatic rotation cannot do.',
      );
    }
  }
}

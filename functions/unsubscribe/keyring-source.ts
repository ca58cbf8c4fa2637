import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Deps } from '../shared/deps.js';
import { lazy } from '../shared/lazy.js';
import { controlTableKeyring } from './control-table-keyring.js';
import { cachedKeyring, type KeyringSource } from './keyring.js';
import { secretsManagerKeyring } from './secrets-manager-keyring.js';

/**
 * Created on the first read of the keys, which a container makes once (`cachedKeyring`), and only
 * in AWS. Built at import, it would lengthen every cold start of the functions that sign or check links.
 */
const secretsClient = lazy(() => new SecretsManagerClient({}));

const sources = new WeakMap<Deps['tables'], KeyringSource>();

/** Secrets Manager in AWS (read once per container); the control table locally. */
export const keyringFor = (
  deps: Pick<Deps, 'db' | 'tables' | 'clock' | 'unsubscribeSecretArn'>,
): KeyringSource => {
  let source = sources.get(deps.tables);
  if (!source) {
    source = cachedKeyring(
      deps.unsubscribeSecretArn
        ? secretsManagerKeyring(secretsClient, deps.unsubscribeSecretArn)
        : controlTableKeyring(deps),
    );
    sources.set(deps.tables, source);
  }
  return source;
};

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import type { Deps } from '../shared/deps.js';
import { readEnv } from '../shared/env.js';
import { controlTableKeyring } from './control-table-keyring.js';
import { cachedKeyring, type KeyringSource } from './keyring.js';
import { secretsManagerKeyring } from './secrets-manager-keyring.js';

const keyringEnvSchema = z.object({ UNSUBSCRIBE_SECRET_ARN: z.string().startsWith('arn:').optional() });
const { UNSUBSCRIBE_SECRET_ARN } = readEnv(keyringEnvSchema);

/** Created once per container, and only in AWS, where the stack sets the secret's ARN. */
const secretsClient = UNSUBSCRIBE_SECRET_ARN ? new SecretsManagerClient({}) : undefined;

const sources = new WeakMap<Deps['tables'], KeyringSource>();

/** Secrets Manager in AWS (read once per container); the control table locally. */
export const keyringFor = (deps: Pick<Deps, 'db' | 'tables' | 'clock'>): KeyringSource => {
  let source = sources.get(deps.tables);
  if (!source) {
    source = cachedKeyring(
      secretsClient && UNSUBSCRIBE_SECRET_ARN
        ? secretsManagerKeyring(secretsClient, UNSUBSCRIBE_SECRET_ARN)
        : controlTableKeyring(deps),
    );
    sources.set(deps.tables, source);
  }
  return source;
};

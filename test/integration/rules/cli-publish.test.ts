import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runPublish } from '../../../cli/commands/publish.js';
import { runRules } from '../../../cli/commands/rules.js';
import type { CliIo } from '../../../cli/io.js';
import { freshTables } from '../../support/dynamo.js';
import { EXAMPLE_RULES_DIR } from '../../unit/rules/example-rules.js';

const captureIo = () => {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    cwd: EXAMPLE_RULES_DIR,
  };
  return { io, out };
};

describe('nudge publish and nudge rules against DynamoDB Local', () => {
  beforeEach(async () => {
    const { endpoint, tables } = await freshTables();
    vi.stubEnv('DYNAMODB_ENDPOINT', endpoint);
    vi.stubEnv('TABLE_CONTROL', tables.control);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('publishes, reports an unchanged republish, lists history and rolls back', async () => {
    const first = captureIo();
    expect(await runPublish(['.', '--actor', 'maria'], first.io)).toBe(0);
    const again = captureIo();
    expect(await runPublish(['.', '--actor', 'maria'], again.io)).toBe(0);
    const rollback = captureIo();
    expect(await runRules(['rollback', '1', '--actor', 'li'], rollback.io)).toBe(0);
    const history = captureIo();
    expect(await runRules(['history'], history.io)).toBe(0);

    expect(first.out.stdout).toBe('Published version 1 (first version)\n');
    expect(again.out.stdout).toBe('No changes: version 1 is already active with this content\n');
    expect(rollback.out.stdout).toBe(
      'No changes: the active version 1 already has the content of version 1\n',
    );
    expect(history.out.stdout).toMatch(/^\* v1 {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}maria {2}first version\n$/);
  });

  it('says which version does not exist on a bad rollback and exits 1', async () => {
    const { io, out } = captureIo();

    expect(await runRules(['rollback', '7'], io)).toBe(1);
    expect(out.stderr).toBe('There is no rule-set version 7\n');
  });

  it('explains where to publish when no table is configured', async () => {
    vi.stubEnv('DYNAMODB_ENDPOINT', '');
    vi.stubEnv('TABLE_CONTROL', '');
    const { io, out } = captureIo();

    expect(await runPublish(['.'], io)).toBe(1);
    expect(out.stderr).toMatch(/^Set DYNAMODB_ENDPOINT/);
  });
});

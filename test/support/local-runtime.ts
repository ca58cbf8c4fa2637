import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { MemoryLog } from '../../functions/shared/logger.js';
import { activateMissingSwitches } from '../../functions/simulation/activate-switches.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.js';

export const RULES_DIR = resolve(import.meta.dirname, '../../rules');

/** A local runtime on a free port, with the example rules, virtual time and fresh tables in the run's DynamoDB Local. */
export const startTestRuntime = async (
  start = new Date('2025-03-03T09:00:00Z'),
): Promise<LocalRuntime & { log: MemoryLog }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nudge-test-'));
  const log = new MemoryLog();
  const runtime = await startLocalRuntime({
    port: 0,
    clock: 'virtual',
    start,
    rulesDir: RULES_DIR,
    demo: false,
    dataDir,
    fresh: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `t${randomUUID().slice(0, 8)}`,
    log,
  });
  await activateMissingSwitches(runtime.deps, runtime.url);
  return {
    ...runtime,
    log,
    stop: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

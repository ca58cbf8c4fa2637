import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryLog } from '../../functions/shared/logger.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.js';
import { RULES_DIR } from '../support/local-runtime.js';

const dataDir = mkdtempSync(join(tmpdir(), 'nudge-demo-'));
let runtime: LocalRuntime | undefined;

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start with its demo shop (real clock)', () => {
  it('shows cart reminders in the outbox within a minute', { timeout: 90_000 }, async () => {
    runtime = await startLocalRuntime({
      port: 0,
      clock: 'real',
      rulesDir: RULES_DIR,
      demo: true,
      dataDir,
      fresh: true,
      dynamoEndpoint: inject('dynamoEndpoint'),
      tablePrefix: `t${randomUUID().slice(0, 8)}`,
      log: new MemoryLog(),
    });
    const startedAt = Date.now();

    let reminders: Array<{ campaignId: string; step: number }> = [];
    while (reminders.length === 0 && Date.now() - startedAt < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const outbox = (await (await fetch(`${runtime.url}/api/outbox`)).json()) as typeof reminders;
      reminders = outbox.filter((message) => message.campaignId === 'cart-recall');
    }

    expect(reminders.length, 'no cart reminder reached the outbox within 60 s').toBeGreaterThan(0);
    expect(reminders[0]).toMatchObject({ campaignId: 'cart-recall', step: 1 });
  });
});

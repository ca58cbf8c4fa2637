import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runSimulate, simulateWithLocalRuntime } from '../../cli/commands/simulate.js';
import { simulationConfigSchema } from '../../functions/simulation/config.js';

const rulesDir = resolve(import.meta.dirname, '../../rules');
const small = simulationConfigSchema.parse({ customers: 100, days: 4, seed: 7, historyDays: 7 });

describe('nudge simulate', () => {
  it('gives the same summary twice for the same seed', { timeout: 120_000 }, async () => {
    const dynamoEndpoint = inject('dynamoEndpoint');

    const first = await simulateWithLocalRuntime(small, { rulesDir, dynamoEndpoint });
    const second = await simulateWithLocalRuntime(small, { rulesDir, dynamoEndpoint });

    expect(first.shop.carts).toBeGreaterThan(0);
    expect(first.messages.total).toBeGreaterThan(0);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('refuses a customer count that is not a number, saying which flag to fix', async () => {
    const errors: string[] = [];
    const io = { stdout: () => {}, stderr: (text: string) => errors.push(text), cwd: process.cwd() };

    const code = await runSimulate(['--customers', 'many', '--days', '3'], io);

    expect(code).toBe(1);
    expect(errors.join('')).toMatch(/--customers must be a number, not "many"/);
  });
});

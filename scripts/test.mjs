#!/usr/bin/env node
// The README's test command: lint, type-check, then every test suite (unit, integration against
// DynamoDB Local, infrastructure, end-to-end). Stops at the first failing stage.
import { spawnSync } from 'node:child_process';

const stages = [
  ['lint', 'npx', ['biome', 'check', '.']],
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];

for (const [name, command, args] of stages) {
  process.stdout.write(`\n== ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) {
    process.stderr.write(`\n${name} failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status || 1);
  }
}

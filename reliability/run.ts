import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runReliability } from './harness.js';
import { formatReport } from './report.js';

const usage = `Usage: npm run reliability -- [--small] [--seed <n>] [--customers <n>] [--days <n>] [--fault-rate <0..1>]

Replays a simulated shop through the local runtime (every event twice, a tenth three times,
shuffled; every scheduled job again after it ran) with DynamoDB and SES faults injected, checks
the invariants and prints a table. Exits 1 on any violation. --small is the version in npm test.
`;

const { values } = parseArgs({
  options: {
    small: { type: 'boolean' },
    seed: { type: 'string' },
    customers: { type: 'string' },
    days: { type: 'string' },
    'fault-rate': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const seed = Number(values.seed ?? 1);
const faultRate = Number(values['fault-rate'] ?? 0.15);
const report = await runReliability({
  customers: Number(values.customers ?? (values.small ? 40 : 250)),
  days: Number(values.days ?? (values.small ? 2 : 5)),
  settleDays: values.small ? 3 : 4,
  seed,
  faultRate,
  rulesDir: resolve(import.meta.dirname, '../rules'),
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
});
process.stdout.write(formatReport(report, { seed, faultRate }));
process.exit(report.violations === 0 ? 0 : 1);

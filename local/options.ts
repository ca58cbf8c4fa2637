import { parseArgs } from 'node:util';
import type { LocalRuntimeOptions } from './runtime.js';

export const startUsage = `Usage: npm start -- [options]

Runs nudge on this machine: DynamoDB Local, an EventBridge PutEvents endpoint, the scheduler,
the outbox and the admin API, all on one port.

  --port <n>            HTTP port (default 4747; 0 picks a free one)
  --host <address>      listen address (default 127.0.0.1; others need NUDGE_ADMIN_TOKEN)
  --clock real|virtual  real time, or time that moves only by POST /api/clock/advance (default real)
  --start <ISO>         where virtual time starts (default now)
  --rules <dir>         rules folder published at start (default rules/)
  --data <dir>          DynamoDB Local files and the log (default .data/)
  --fresh               wipe the stored data first
  --no-demo             do not drive the synthetic shop
  --help                show this text

Environment: DYNAMODB_ENDPOINT uses a running DynamoDB instead of starting DynamoDB Local;
NUDGE_ADMIN_TOKEN is the bearer token the admin API asks for on a non-loopback host.
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type StartCommand = { help: true } | { help: false; options: LocalRuntimeOptions };

/** `npm start` flags to runtime options; a UsageError says what to fix. */
export const parseStartArgs = (argv: string[]): StartCommand => {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const port = values.port === undefined ? 4747 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  if (values.clock !== undefined && values.clock !== 'real' && values.clock !== 'virtual') {
    throw new UsageError(`--clock must be "real" or "virtual", not "${values.clock}".`);
  }
  const start = values.start === undefined ? undefined : new Date(values.start);
  if (start && Number.isNaN(start.getTime())) {
    throw new UsageError(
      `--start must be an ISO 8601 instant such as 2025-03-01T09:00:00Z, not "${values.start}".`,
    );
  }
  if (start && values.clock !== 'virtual') throw new UsageError('--start needs --clock virtual.');
  return {
    help: false,
    options: {
      port,
      host: values.host,
      clock: values.clock as 'real' | 'virtual' | undefined,
      start,
      rulesDir: values.rules,
      dataDir: values.data,
      fresh: values.fresh,
      demo: !values['no-demo'],
    },
  };
};

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      clock: { type: 'string' },
      start: { type: 'string' },
      rules: { type: 'string' },
      data: { type: 'string' },
      fresh: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });

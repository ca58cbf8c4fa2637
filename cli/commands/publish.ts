import { resolve } from 'node:path';
import { cliActor } from '../../functions/rules/actor.js';
import { ControlTableConfigError, controlTableFromEnv } from '../../functions/rules/control-table.js';
import { publishRuleSet } from '../../functions/rules/publish.js';
import { ensureSwitches } from '../../functions/switches/switch-commands.js';

/** Creating a switch as active announces nothing, so the CLI needs no bus. */
const silentBus = { publish: async () => {} };

import {
  createDynamoRuleStore,
  PublishConflictError,
  RuleSetTooLargeError,
} from '../../functions/rules/rule-store.js';
import { systemClock } from '../../functions/shared/clock.js';
import type { CliIo, ExitCode } from '../io.js';
import { loadAndValidate, parseCommandArgs, reportProblems } from './validate.js';

const USAGE = `Usage: nudge publish [dir] [--actor <name>]

Validates a rules folder (default: rules/) and publishes it as a new version; running
workflows pick it up within 5 seconds. An invalid folder is never published, not even
in part. Publishing content identical to the active version changes nothing.

  --actor <name>   who publishes, for the audit log (default: $NUDGE_ACTOR or your user name)

Where: DYNAMODB_ENDPOINT (+ NUDGE_TABLE_PREFIX, default nudge-local) for DynamoDB Local,
or TABLE_CONTROL for the control table in AWS.
`;

/** Errors a user can fix by changing their setup or retrying; anything else is a bug and throws. */
export const isUserFacingRulesError = (error: unknown): error is Error =>
  error instanceof ControlTableConfigError ||
  error instanceof PublishConflictError ||
  error instanceof RuleSetTooLargeError;

export const runPublish = async (argv: string[], io: CliIo): Promise<ExitCode> => {
  const args = parseCommandArgs(argv, { actor: { type: 'string' } }, USAGE, io);
  if (!args) return 1;
  if (args.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const dirArg = args.positionals[0] ?? 'rules';
  const validation = await loadAndValidate(resolve(io.cwd, dirArg), io);
  if (!validation) return 1;
  if (!validation.ok) return reportProblems(io, validation, ` in ${dirArg}; nothing was published`);
  try {
    const control = controlTableFromEnv();
    const store = createDynamoRuleStore(control);
    const switchDeps = {
      db: control.db,
      tables: { control: control.tableName },
      bus: silentBus,
      clock: systemClock,
    };
    const ensureSwitchesFor = (campaignIds: string[]) => ensureSwitches(switchDeps, { campaignIds });
    const result = await publishRuleSet(
      { store, clock: systemClock, ensureSwitches: ensureSwitchesFor },
      validation.ruleSet,
      {
        actor: cliActor(args.values.actor),
      },
    );
    io.stdout(
      result.published
        ? `Published version ${result.version} (${result.description})\n`
        : `No changes: version ${result.version} is already active with this content\n`,
    );
    return 0;
  } catch (error) {
    if (!isUserFacingRulesError(error)) throw error;
    io.stderr(`${error.message}\n`);
    return 1;
  }
};

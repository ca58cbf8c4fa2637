import { cliActor } from '../../functions/rules/actor.js';
import { describeChanges } from '../../functions/rules/change-summary.js';
import { controlTableFromEnv } from '../../functions/rules/control-table.js';
import { rollbackRuleSet } from '../../functions/rules/publish.js';
import { createDynamoRuleStore, RuleVersionNotFoundError } from '../../functions/rules/rule-store.js';
import { systemClock } from '../../functions/shared/clock.js';
import type { CliIo, ExitCode } from '../io.js';
import { isUserFacingRulesError } from './publish.js';
import { parseCommandArgs } from './validate.js';

const USAGE = `Usage: nudge rules <history|rollback> [options]

  history [--limit <n>] [--json]         list published versions, newest first (default 20)
  rollback <version> [--actor <name>]    make an old version live again, as a new version

The active version is marked with *. Same environment as "nudge publish".
`;

const history = async (limitText: string | undefined, asJson: boolean, io: CliIo): Promise<ExitCode> => {
  const limit = Number(limitText ?? 20);
  if (!Number.isInteger(limit) || limit < 1) {
    io.stderr('--limit must be a whole number of at least 1\n');
    return 1;
  }
  const store = createDynamoRuleStore(controlTableFromEnv());
  const [active, versions] = await Promise.all([store.readActive(), store.history(limit)]);
  if (asJson) {
    io.stdout(`${JSON.stringify({ active: active ?? null, versions }, null, 2)}\n`);
    return 0;
  }
  if (versions.length === 0) {
    io.stdout('No rule set has been published yet.\n');
    return 0;
  }
  for (const entry of versions) {
    const marker = entry.version === active?.version ? '*' : ' ';
    const origin = entry.source === 'rollback' ? ` (rollback to v${entry.rolledBackFrom})` : '';
    io.stdout(
      `${marker} v${entry.version}  ${entry.publishedAt}  ${entry.actor}${origin}  ${describeChanges(entry.summary)}\n`,
    );
  }
  return 0;
};

const rollback = async (
  versionText: string | undefined,
  actor: string | undefined,
  io: CliIo,
): Promise<ExitCode> => {
  const version = Number(versionText);
  if (!versionText || !Number.isInteger(version) || version < 1) {
    io.stderr(`rollback needs a version number, e.g. "nudge rules rollback 3"\n\n${USAGE}`);
    return 1;
  }
  const store = createDynamoRuleStore(controlTableFromEnv());
  const result = await rollbackRuleSet({ store, clock: systemClock }, version, cliActor(actor));
  io.stdout(
    result.published
      ? `Rolled back: version ${result.version} is a copy of version ${version} (${result.description})\n`
      : `No changes: the active version ${result.version} already has the content of version ${version}\n`,
  );
  return 0;
};

export const runRules = async (argv: string[], io: CliIo): Promise<ExitCode> => {
  const args = parseCommandArgs(
    argv,
    { limit: { type: 'string' }, json: { type: 'boolean' }, actor: { type: 'string' } },
    USAGE,
    io,
  );
  if (!args) return 1;
  const [subcommand, versionText] = args.positionals;
  if (args.values.help || !subcommand) {
    (args.values.help ? io.stdout : io.stderr)(USAGE);
    return args.values.help ? 0 : 1;
  }
  try {
    if (subcommand === 'history') return await history(args.values.limit, args.values.json ?? false, io);
    if (subcommand === 'rollback') return await rollback(versionText, args.values.actor, io);
  } catch (error) {
    if (!isUserFacingRulesError(error) && !(error instanceof RuleVersionNotFoundError)) throw error;
    io.stderr(`${error.message}\n`);
    return 1;
  }
  io.stderr(`Unknown subcommand "${subcommand}"\n\n${USAGE}`);
  return 1;
};

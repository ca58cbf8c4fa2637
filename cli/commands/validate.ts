import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { loadRuleFiles, RulesFolderError } from '../../functions/rules/load-rule-files.js';
import { formatProblem, type RuleValidation, validateRuleSetFiles } from '../../functions/rules/validate.js';
import type { CliIo, ExitCode } from '../io.js';

const USAGE = `Usage: nudge validate [dir] [--json]

Checks a rules folder (default: rules/) and lists every problem at once, each with
its file, the JSON path inside the file and what to fix. Exit code 1 on any problem.

  --json   print { ok, problems: [{ file, path, message, line?, column? }] }
`;

/** parseArgs that reports a usage mistake instead of throwing; shared by the rules commands. */
export const parseCommandArgs = <T extends ParseArgsConfig['options']>(
  argv: string[],
  options: T,
  usage: string,
  io: CliIo,
) => {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${usage}`);
    return undefined;
  }
};

/** Loads and validates a rules folder, or says why the folder cannot be read (undefined). */
export const loadAndValidate = async (dir: string, io: CliIo): Promise<RuleValidation | undefined> => {
  try {
    return validateRuleSetFiles(await loadRuleFiles(dir));
  } catch (error) {
    if (!(error instanceof RulesFolderError)) throw error;
    io.stderr(`${error.message}\n`);
    return undefined;
  }
};

export const reportProblems = (io: CliIo, validation: RuleValidation, trailer: string): ExitCode => {
  for (const problem of validation.problems) io.stderr(`${formatProblem(problem)}\n`);
  const count = validation.problems.length;
  io.stderr(`\n${count} problem${count === 1 ? '' : 's'}${trailer}\n`);
  return 1;
};

export const runValidate = async (argv: string[], io: CliIo): Promise<ExitCode> => {
  const args = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE, io);
  if (!args) return 1;
  if (args.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const dirArg = args.positionals[0] ?? 'rules';
  const validation = await loadAndValidate(resolve(io.cwd, dirArg), io);
  if (!validation) return 1;
  if (args.values.json) {
    io.stdout(`${JSON.stringify({ ok: validation.ok, problems: validation.problems }, null, 2)}\n`);
    return validation.ok ? 0 : 1;
  }
  if (!validation.ok) return reportProblems(io, validation, ` in ${dirArg}`);
  const { campaigns, offers, templates } = validation.ruleSet;
  io.stdout(
    `${dirArg} is valid: ${campaigns.length} campaigns, ${Object.keys(offers).length} offers, ${Object.keys(templates).length} templates\n`,
  );
  return 0;
};

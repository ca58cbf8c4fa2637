import { type CliCommand, commands } from './commands/index.js';
import type { CliIo, ExitCode } from './io.js';

export const usage = (known: CliCommand[]): string => {
  const width = Math.max(...known.map((command) => command.name.length), 4);
  const lines = known.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: nudge <command> [options]

Commands:
${lines.join('\n')}

Run "nudge <command> --help" for a command's options.
`;
};

/** Dispatches to a command by name; `--help` anywhere before a command prints the list. */
export const runCli = async (
  argv: string[],
  io: CliIo,
  known: CliCommand[] = commands,
): Promise<ExitCode> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage(known));
    return name === undefined ? 1 : 0;
  }
  const command = known.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`nudge: unknown command "${name}". Known commands: ${known.map((c) => c.name).join(', ')}.\n`);
    io.stderr('Run "nudge --help" for the list.\n');
    return 1;
  }
  return command.run(rest, io);
};

import type { CliIo, ExitCode } from '../io.js';
import { DEFAULT_NUDGE_URL, runSwitchCommand } from './pause.js';

const USAGE = `Usage: nudge kill [global|channel:email|<campaign>] --reason <text> [--actor <name>] [--url <nudge url>]

Stops all spending at once: the global switch (or the one given) becomes "killed", and no email
or coupon goes out within 5 seconds. Automatic checks never undo a kill; "nudge resume global" does.

  --reason <text>   why, for the audit log (required)
  --actor <name>    who, for the audit log (default NUDGE_ACTOR, then your user name)
  --url <url>       where nudge runs (default NUDGE_URL, then ${DEFAULT_NUDGE_URL})
`;

export const runKill = (argv: string[], io: CliIo): Promise<ExitCode> =>
  runSwitchCommand(
    { name: 'kill', state: 'killed', usage: USAGE, reasonRequired: true, defaultTarget: 'global' },
    argv,
    io,
  );

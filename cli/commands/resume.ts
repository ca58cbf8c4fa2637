import type { CliIo, ExitCode } from '../io.js';
import { DEFAULT_NUDGE_URL, runSwitchCommand } from './pause.js';

const USAGE = `Usage: nudge resume <campaign> [--reason <text>] [--actor <name>] [--url <nudge url>]

Makes a paused or killed campaign (or "global", "channel:email") active again. Automatic stops
(budget_exhausted, ROI floor, pacing, reputation) are lifted the same way, once their cause is fixed.

  --reason <text>   why, for the audit log
  --actor <name>    who, for the audit log (default NUDGE_ACTOR, then your user name)
  --url <url>       where nudge runs (default NUDGE_URL, then ${DEFAULT_NUDGE_URL})
`;

export const runResume = (argv: string[], io: CliIo): Promise<ExitCode> =>
  runSwitchCommand({ name: 'resume', state: 'active', usage: USAGE, reasonRequired: false }, argv, io);

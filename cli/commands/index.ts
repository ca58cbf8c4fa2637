import type { CliIo, ExitCode } from '../io.js';
import { runChurn } from './churn.js';
import { runKill } from './kill.js';
import { runPause } from './pause.js';
import { runPreview } from './preview.js';
import { runPublish } from './publish.js';
import { runResume } from './resume.js';
import { runRules } from './rules.js';
import { runSimulate } from './simulate.js';
import { runStatus } from './status.js';
import { runValidate } from './validate.js';

export interface CliCommand {
  name: string;
  /** One line for `nudge --help`. */
  summary: string;
  /** Gets the arguments after the command name; handles its own `--help`. */
  run(argv: string[], io: CliIo): Promise<ExitCode>;
}

/** Every `nudge` command. Adding one is one line here. */
export const commands: CliCommand[] = [
  { name: 'validate', summary: 'check a rules folder and list every problem', run: runValidate },
  { name: 'publish', summary: 'validate a rules folder and publish it as a new version', run: runPublish },
  { name: 'rules', summary: 'list published rule versions (history) or roll back to one', run: runRules },
  { name: 'preview', summary: 'render one campaign email with sample data to HTML', run: runPreview },
  {
    name: 'churn',
    summary: 'fit the churn model to an order history, or check it on a holdout',
    run: runChurn,
  },
  {
    name: 'simulate',
    summary: 'run a synthetic shop through the local runtime and report lift',
    run: runSimulate,
  },
  { name: 'pause', summary: 'pause a campaign (or global, channel:email) with a reason', run: runPause },
  { name: 'resume', summary: 'make a paused or killed campaign or switch active again', run: runResume },
  { name: 'kill', summary: 'stop all spending at once (the global switch)', run: runKill },
  { name: 'status', summary: 'show switches, campaign status and budgets', run: runStatus },
];

import { parseArgs } from 'node:util';
import { formatMoney } from '../../functions/coupons/currency.js';
import type { CliIo, ExitCode } from '../io.js';
import { adminRequest, DEFAULT_NUDGE_URL, isParseArgsError, UsageError } from './pause.js';

const USAGE = `Usage: nudge status [--json] [--url <nudge url>]

Shows every switch (global, channel:email, campaign:<id>) with its reason, and each campaign's
status and budget: what is reserved, settled and left of each cap today, this month and in total.

  --json        print one JSON object { switches, campaigns, budgets }
  --url <url>   where nudge runs (default NUDGE_URL, then ${DEFAULT_NUDGE_URL})
`;

interface Switch {
  scope: string;
  state: string;
  reason?: string;
  actor?: string;
  at?: string;
}
interface Figures {
  period: string;
  cap: number | null;
  reserved: number;
  settled: number;
  remaining: number | null;
}
interface Campaign {
  id: string;
  type: string;
  status: string;
  statusReason?: string;
  sending: boolean;
  stoppedBy?: string;
  budget: Figures[];
}
interface Budgets {
  currency: string | null;
  scopes: Array<Figures & { scope: string }>;
}

const pad = (text: string, width: number) => text.padEnd(width);

export async function runStatus(argv: string[], io: CliIo): Promise<ExitCode> {
  try {
    const { values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: { json: { type: 'boolean' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    const baseUrl = values.url ?? process.env.NUDGE_URL ?? DEFAULT_NUDGE_URL;
    const [switches, campaigns, budgets] = (await Promise.all([
      adminRequest(baseUrl, 'GET', '/api/switches'),
      adminRequest(baseUrl, 'GET', '/api/campaigns'),
      adminRequest(baseUrl, 'GET', '/api/budgets'),
    ])) as [Switch[], Campaign[], Budgets];
    if (values.json) {
      io.stdout(`${JSON.stringify({ switches, campaigns, budgets })}\n`);
      return 0;
    }
    io.stdout(formatStatus(switches, campaigns, budgets));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`nudge status: ${(error as Error).message}\nRun "nudge status --help".\n`);
      return 1;
    }
    throw error;
  }
}

export const formatStatus = (switches: Switch[], campaigns: Campaign[], budgets: Budgets): string => {
  const money = (amount: number) =>
    budgets.currency ? formatMoney(amount, budgets.currency, 'en') : String(amount);
  const figure = (f: Figures | undefined) =>
    !f
      ? '-'
      : f.cap === null
        ? `${money(f.reserved + f.settled)} used, no cap`
        : `${money(f.reserved + f.settled)} of ${money(f.cap)}`;
  const lines = ['Switches'];
  for (const entry of switches) {
    const why = entry.reason ? `  ${entry.reason}` : '';
    const who = entry.actor && entry.at ? `  (${entry.actor}, ${entry.at})` : '';
    lines.push(`  ${pad(entry.scope, 28)}${pad(entry.state, 8)}${why}${who}`);
  }
  if (switches.some((entry) => entry.state === 'missing')) {
    lines.push('  A missing switch means stop; "nudge resume global" creates it as active.');
  }
  lines.push('', 'Campaigns');
  if (campaigns.length === 0) lines.push('  none: publish rules with "nudge publish"');
  for (const campaign of campaigns) {
    const byPeriod = (period: string) => campaign.budget.find((f) => f.period === period);
    const stopped = campaign.sending
      ? 'sending'
      : `stopped${campaign.stoppedBy ? ` by ${campaign.stoppedBy}` : ''}`;
    const reason = campaign.statusReason ? ` (${campaign.statusReason})` : '';
    lines.push(`  ${campaign.id}  [${campaign.type}]  ${campaign.status}${reason}, ${stopped}`);
    lines.push(
      `    today ${figure(byPeriod('day'))}; this month ${figure(byPeriod('month'))}; total ${figure(byPeriod('total'))}`,
    );
  }
  const capped = budgets.scopes.filter((scope) => scope.cap !== null);
  if (capped.length > 0) {
    lines.push('', 'Shop-wide budgets');
    for (const scope of capped) lines.push(`  ${pad(scope.scope, 28)}${figure(scope)}`);
  }
  return `${lines.join('\n')}\n`;
};

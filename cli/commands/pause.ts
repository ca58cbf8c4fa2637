import { parseArgs } from 'node:util';
import { cliActor } from '../../functions/rules/actor.js';
import { switchScopeSchema } from '../../functions/switches/switch-scope.js';
import type { CliIo, ExitCode } from '../io.js';

export const DEFAULT_NUDGE_URL = 'http://127.0.0.1:4747';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Talks to the admin API of the local runtime (or a deployed one) at NUDGE_URL. */
export const adminRequest = async (
  baseUrl: string,
  method: 'GET' | 'PUT',
  path: string,
  body?: unknown,
  env: NodeJS.ProcessEnv = process.env,
): Promise<unknown> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (env.NUDGE_ADMIN_TOKEN) headers.authorization = `Bearer ${env.NUDGE_ADMIN_TOKEN}`;
  let response: Response;
  try {
    response = await fetch(new URL(path, baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new UsageError(
      `cannot reach nudge at ${baseUrl} (${(error as Error).cause ?? (error as Error).message}); start it with "npm start" or set NUDGE_URL`,
    );
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: reported as text below.
  }
  if (!response.ok) {
    const message = (parsed as { error?: { message?: string } })?.error?.message ?? text;
    throw new UsageError(`nudge answered ${response.status}: ${message}`);
  }
  return parsed;
};

/** `spring-sale` means the campaign; `global`, `channel:email` and `campaign:<id>` are taken as they are. */
export const switchScopeOf = (target: string): string => {
  const scope = target === 'global' || target.includes(':') ? target : `campaign:${target}`;
  const parsed = switchScopeSchema.safeParse(scope);
  if (!parsed.success) {
    throw new UsageError(
      `"${target}" is not a campaign id or a switch (global, channel:email, campaign:<id>)`,
    );
  }
  return parsed.data;
};

export interface SwitchCommand {
  name: 'pause' | 'resume' | 'kill';
  state: 'paused' | 'active' | 'killed';
  usage: string;
  reasonRequired: boolean;
  /** Used when no target is given; undefined means the target is required. */
  defaultTarget?: string;
}

/** The shared body of pause, resume and kill: one PUT /api/switches/{scope}. */
export const runSwitchCommand = async (
  command: SwitchCommand,
  argv: string[],
  io: CliIo,
): Promise<ExitCode> => {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        reason: { type: 'string' },
        actor: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(command.usage);
      return 0;
    }
    if (positionals.length > 1)
      throw new UsageError(`give one campaign or switch, not ${positionals.length}`);
    const target = positionals[0] ?? command.defaultTarget;
    if (!target) throw new UsageError('say which campaign (or global, channel:email)');
    const reason = values.reason?.trim();
    if (command.reasonRequired && !reason)
      throw new UsageError('--reason <text> is required: say why, for the audit log');
    const scope = switchScopeOf(target);
    const baseUrl = values.url ?? process.env.NUDGE_URL ?? DEFAULT_NUDGE_URL;
    const result = (await adminRequest(baseUrl, 'PUT', `/api/switches/${encodeURIComponent(scope)}`, {
      state: command.state,
      reason: reason || undefined,
      actor: cliActor(values.actor),
    })) as { scope: string; state: string; previous: string };
    io.stdout(`${result.scope}: ${result.previous} -> ${result.state}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`nudge ${command.name}: ${(error as Error).message}\nRun "nudge ${command.name} --help".\n`);
      return 1;
    }
    throw error;
  }
};

export const isParseArgsError = (error: unknown): boolean =>
  error instanceof TypeError && String((error as { code?: string }).code ?? '').startsWith('ERR_PARSE_ARGS');

const USAGE = `Usage: nudge pause <campaign> --reason <text> [--actor <name>] [--url <nudge url>]

Pauses a campaign (or "global", "channel:email"): no new emails or coupons within 5 seconds.
Coupons already issued stay valid. Undo with "nudge resume <campaign>".

  --reason <text>   why, for the audit log (required)
  --actor <name>    who, for the audit log (default NUDGE_ACTOR, then your user name)
  --url <url>       where nudge runs (default NUDGE_URL, then ${DEFAULT_NUDGE_URL});
                    NUDGE_ADMIN_TOKEN is sent as a bearer token when set
`;

export const runPause = (argv: string[], io: CliIo): Promise<ExitCode> =>
  runSwitchCommand({ name: 'pause', state: 'paused', usage: USAGE, reasonRequired: true }, argv, io);

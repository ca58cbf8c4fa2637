import { userInfo } from 'node:os';

/** Who the audit log names for a CLI publish: --actor, then NUDGE_ACTOR, then the OS user. */
export const cliActor = (flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string => {
  if (flag) return flag;
  if (env.NUDGE_ACTOR) return env.NUDGE_ACTOR;
  try {
    return `${userInfo().username} (cli)`;
  } catch {
    return 'cli';
  }
};

/** Where a command writes, and where it runs; tests pass a fake. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** Exit codes: 0 done, 1 the user must fix something (the message says what). */
export type ExitCode = 0 | 1 | number;

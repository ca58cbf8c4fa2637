import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'nudge-start-'));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const readyLine = (process: ChildProcess, timeoutMs: number): Promise<string> =>
  new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${timeoutMs} ms: ${output}`)),
      timeoutMs,
    );
    process.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('nudge ready '));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    process.once('exit', (code) => reject(new Error(`exited with ${code} before ready: ${output}`)));
  });

describe('npm start', () => {
  it('prints one ready line within 30 s, serves the admin API, and exits cleanly on SIGINT', async () => {
    child = spawn(
      process.execPath,
      ['bin/start.mjs', '--port', '0', '--clock', 'virtual', '--no-demo', '--data', dataDir],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
          NUDGE_TABLE_PREFIX: 'start-test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });

    const line = await readyLine(child, 30_000);
    const url = line.slice('nudge ready '.length).trim();
    const clock = await (await fetch(`${url}/api/clock`)).json();
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');

    expect(line).toMatch(/^nudge ready http:\/\/127\.0\.0\.1:\d+$/);
    expect(clock).toMatchObject({ mode: 'virtual' });
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });
});

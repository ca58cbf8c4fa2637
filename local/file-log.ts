import { createWriteStream, type WriteStream } from 'node:fs';
import type { Log } from '../functions/shared/logger.js';

/** JSON lines appended to a file, so the console stays quiet. */
export class FileLog implements Log {
  readonly #stream: WriteStream;

  constructor(path: string) {
    this.#stream = createWriteStream(path, { flags: 'a' });
  }

  info(message: string, attributes?: Record<string, unknown>) {
    this.#write('info', message, attributes);
  }
  warn(message: string, attributes?: Record<string, unknown>) {
    this.#write('warn', message, attributes);
  }
  error(message: string, attributes?: Record<string, unknown>) {
    this.#write('error', message, attributes);
  }
  debug(message: string, attributes?: Record<string, unknown>) {
    this.#write('debug', message, attributes);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#stream.end(resolve));
  }

  #write(level: string, message: string, attributes?: Record<string, unknown>) {
    this.#stream.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, message, ...attributes })}\n`,
    );
  }
}

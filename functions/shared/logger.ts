import { Logger } from '@aws-lambda-powertools/logger';

export interface Log {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
  debug(message: string, attributes?: Record<string, unknown>): void;
}

/** Structured JSON logs. Never pass email addresses, names or message bodies: ids only. */
export const createLogger = (serviceName: string): Log => {
  const logger = new Logger({ serviceName });
  return {
    info: (message, attributes = {}) => logger.info(message, attributes),
    warn: (message, attributes = {}) => logger.warn(message, attributes),
    error: (message, attributes = {}) => logger.error(message, attributes),
    debug: (message, attributes = {}) => logger.debug(message, attributes),
  };
};

/** Collects log lines in memory; the local runtime and tests use it so nothing reaches the console. */
export class MemoryLog implements Log {
  readonly lines: Array<{ level: string; message: string; attributes?: Record<string, unknown> }> = [];
  info(message: string, attributes?: Record<string, unknown>) {
    this.lines.push({ level: 'info', message, attributes });
  }
  warn(message: string, attributes?: Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, attributes });
  }
  error(message: string, attributes?: Record<string, unknown>) {
    this.lines.push({ level: 'error', message, attributes });
  }
  debug(message: string, attributes?: Record<string, unknown>) {
    this.lines.push({ level: 'debug', message, attributes });
  }
}

export interface Log {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
  debug(message: string, attributes?: Record<string, unknown>): void;
}

const levels = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, SILENT: 28 } as const;
type Level = keyof typeof levels;

// Powertools Logger's own fields; an attribute of the same name would overwrite them.
const reservedKeys = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate', 'xray_trace_id']);

const levelFrom = (env: NodeJS.ProcessEnv): Level => {
  const name = (
    env.AWS_LAMBDA_LOG_LEVEL ??
    env.POWERTOOLS_LOG_LEVEL ??
    env.LOG_LEVEL ??
    'INFO'
  ).toUpperCase();
  return Object.hasOwn(levels, name) ? (name as Level) : 'INFO';
};

/** The Root of the X-Ray trace header, which Lambda sets for each invocation. */
const traceId = (env: NodeJS.ProcessEnv): string | undefined =>
  env._X_AMZN_TRACE_ID
    ?.split(';')
    .find((part) => part.startsWith('Root='))
    ?.slice('Root='.length);

/**
 * Structured JSON logs, one line each, with the fields Powertools Logger wrote (`level`, `message`,
 * `timestamp`, `service`, `sampling_rate`, `xray_trace_id`, then the attributes) and its log-level
 * variables. Our own, because Powertools' import was a measurable share of each cold start
 * (docs/cold-start.md). Never pass email addresses, names or message bodies: ids only.
 */
export const createLogger = (serviceName: string, env: NodeJS.ProcessEnv = process.env): Log => {
  const threshold = levels[levelFrom(env)];
  const write = (level: Exclude<Level, 'SILENT'>, message: string, attributes: Record<string, unknown>) => {
    if (levels[level] < threshold) return;
    const line: Record<string, unknown> = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: serviceName,
      sampling_rate: 0,
      xray_trace_id: traceId(env),
    };
    for (const [key, value] of Object.entries(attributes)) if (!reservedKeys.has(key)) line[key] = value;
    const stream = levels[level] >= levels.WARN ? process.stderr : process.stdout;
    stream.write(`${JSON.stringify(line)}\n`);
  };
  return {
    info: (message, attributes = {}) => write('INFO', message, attributes),
    warn: (message, attributes = {}) => write('WARN', message, attributes),
    error: (message, attributes = {}) => write('ERROR', message, attributes),
    debug: (message, attributes = {}) => write('DEBUG', message, attributes),
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

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../functions/shared/logger.js';

const captured = (stream: NodeJS.WriteStream) => {
  const lines: Array<Record<string, unknown>> = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk) => {
    lines.push(JSON.parse(String(chunk)));
    return true;
  });
  return lines;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createLogger', () => {
  it('writes one JSON line with the fields Powertools Logger wrote, then the attributes', () => {
    const stdout = captured(process.stdout);
    const log = createLogger('nudge', {
      _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    });

    log.info('order attributed', { orderId: 'o-1', campaigns: ['c-1'] });

    expect(stdout).toEqual([
      {
        level: 'INFO',
        message: 'order attributed',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        service: 'nudge',
        sampling_rate: 0,
        xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
        orderId: 'o-1',
        campaigns: ['c-1'],
      },
    ]);
    expect(Object.keys(stdout[0] ?? {}).slice(0, 6)).toEqual([
      'level',
      'message',
      'timestamp',
      'service',
      'sampling_rate',
      'xray_trace_id',
    ]);
  });

  it('writes warnings and errors to stderr, and keeps attributes from overwriting its own fields', () => {
    const stdout = captured(process.stdout);
    const stderr = captured(process.stderr);
    const log = createLogger('nudge', {});

    log.warn('guard paused', { paused: ['scope-1'], level: 'INFO', message: 'other' });
    log.error('send failed');

    expect(stdout).toEqual([]);
    expect(stderr.map((line) => [line.level, line.message, line.paused])).toEqual([
      ['WARN', 'guard paused', ['scope-1']],
      ['ERROR', 'send failed', undefined],
    ]);
    expect(stderr[0]).not.toHaveProperty('xray_trace_id');
  });

  it('logs from INFO up unless a log-level variable says otherwise', () => {
    const stdout = captured(process.stdout);

    createLogger('nudge', {}).debug('hidden');
    createLogger('nudge', { POWERTOOLS_LOG_LEVEL: 'DEBUG' }).debug('shown');
    createLogger('nudge', { POWERTOOLS_LOG_LEVEL: 'DEBUG', AWS_LAMBDA_LOG_LEVEL: 'WARN' }).info('hidden too');
    createLogger('nudge', { POWERTOOLS_LOG_LEVEL: 'SILENT' }).info('silenced');

    expect(stdout.map((line) => line.message)).toEqual(['shown']);
  });
});

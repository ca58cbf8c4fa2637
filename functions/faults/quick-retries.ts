import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type RetryStrategy = Awaited<ReturnType<DynamoDBDocumentClient['config']['retryStrategy']>>;
type RetryStrategyV2 = Extract<RetryStrategy, { acquireInitialRetryToken: unknown }>;
type RetryToken = Awaited<ReturnType<RetryStrategyV2['acquireInitialRetryToken']>>;
type RetryErrorInfo = Parameters<RetryStrategyV2['refreshRetryTokenForRetry']>[1];

export interface QuickRetryOptions {
  /** Attempts in all, as the SDK's standard mode (3). */
  maxAttempts?: number;
  /** Full-jitter exponential backoff bases, in ms; the SDK uses 50 and 1,000. */
  baseDelayMs?: number;
  throttlingDelayMs?: number;
}

const token = (retryCount: number, delay: number): RetryToken => ({
  getRetryCount: () => retryCount,
  getRetryDelay: () => delay,
});

/**
 * The SDK's standard retry decisions (throttling and transient errors, 3 attempts, full jitter)
 * with delays scaled down, so a run with thousands of injected faults takes seconds. The SDK
 * still classifies every error itself. The retry quota (token bucket) is left out.
 */
export const useQuickRetries = (db: DynamoDBDocumentClient, options: QuickRetryOptions = {}): void => {
  const { maxAttempts = 3, baseDelayMs = 2, throttlingDelayMs = 10 } = options;
  const strategy: RetryStrategyV2 = {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous: RetryToken, error: RetryErrorInfo) => {
      const retryable = error.errorType === 'THROTTLING' || error.errorType === 'TRANSIENT';
      const next = previous.getRetryCount() + 1;
      if (!retryable || next >= maxAttempts) throw new Error('No retry token available');
      const base = error.errorType === 'THROTTLING' ? throttlingDelayMs : baseDelayMs;
      return token(next, Math.floor(Math.random() * base * 2 ** previous.getRetryCount()));
    },
    recordSuccess: () => {},
  };
  db.config.retryStrategy = async () => strategy;
};

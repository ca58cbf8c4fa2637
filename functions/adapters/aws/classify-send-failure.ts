export type SendFailureKind = 'refused' | 'retryable' | 'unknown';

const throttlingCodes = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException']);
/** Failures that happen before a byte reaches SES. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'CredentialsProviderError']);

interface SdkFailure {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export const failureCode = (error: unknown): string => {
  const failure = (error ?? {}) as SdkFailure;
  return failure.code ?? failure.name ?? 'UnknownError';
};

/**
 * Sorts an SES failure by what it says about the message. Only a 4xx answer proves that SES did
 * not send; a 5xx answer or a broken connection after the request left proves nothing.
 */
export const classifySendFailure = (error: unknown): SendFailureKind => {
  const failure = (error ?? {}) as SdkFailure;
  const status = failure.$metadata?.httpStatusCode;
  if (status !== undefined) {
    if (throttlingCodes.has(failure.name ?? '')) return 'retryable';
    return status >= 400 && status < 500 ? 'refused' : 'unknown';
  }
  if (notSentCodes.has(failure.code ?? '') || notSentCodes.has(failure.name ?? '')) return 'retryable';
  return 'unknown';
};

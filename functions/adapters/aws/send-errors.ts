import { PermanentError } from '../../shared/errors.js';

/** SES answered and refused this message; sending it again would be refused again. */
export class SendRefusedError extends PermanentError {
  override name = 'SendRefusedError';
  constructor(
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`SES refused the message (${code})`, options);
  }
}

/** SES did not take the message (throttled, or the request never left): nothing was sent, so a retry is safe. */
export class SendRetryableError extends Error {
  override name = 'SendRetryableError';
  constructor(
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`SES did not take the message (${code}); nothing was sent`, options);
  }
}

/**
 * SES may or may not have sent the message (a timeout or a dropped connection after the request
 * left). The send pipeline records the send as `unknown` and never repeats it.
 */
export class SendOutcomeUnknownError extends Error {
  override name = 'SendOutcomeUnknownError';
  constructor(
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`The outcome of the SES send is unknown (${code}); it must not be repeated`, options);
  }
}

/** A failure that retrying cannot fix: record it (dead-letter) and do not throw to the platform. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** Raised when an event does not match its contract; the reason names the offending field. */
export class InvalidEventError extends PermanentError {
  override name = 'InvalidEventError';
}

export class BudgetExhaustedError extends Error {
  override name = 'BudgetExhaustedError';
  constructor(
    readonly scope: string,
    options?: { cause?: unknown },
  ) {
    super(`Budget scope ${scope} has no room for this reservation`, options);
  }
}

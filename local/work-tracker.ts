/**
 * Counts work in flight (handler runs, scheduled jobs, retries) so callers can wait until
 * everything, including work that work starts, has finished.
 */
export class WorkTracker {
  #pending = 0;
  #waiters: Array<() => void> = [];

  get pending(): number {
    return this.#pending;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    this.#pending += 1;
    const running = Promise.resolve().then(work);
    const settle = () => {
      this.#pending -= 1;
      if (this.#pending === 0) this.#wakeWhenStillIdle();
    };
    running.then(settle, settle);
    return running;
  }

  /** Resolves once nothing is pending, checked after a macrotask so chained work is seen first. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      if (this.#pending === 0) this.#wakeWhenStillIdle();
    });
  }

  #wakeWhenStillIdle(): void {
    setImmediate(() => {
      if (this.#pending !== 0) return;
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const wake of waiters) wake();
    });
  }
}

export interface BoundedPool {
  /** Starts `task` as soon as fewer than the limit are running; resolves once it has started. */
  run(task: () => Promise<void>): Promise<void>;
  /** Resolves when every started task has finished; rejects with the first failure. */
  drain(): Promise<void>;
}

/**
 * At most `limit` tasks in flight, however many batches they come from: a caller can go on reading
 * while earlier tasks finish. After a failure no new task starts and `run` rejects with it.
 */
export const createBoundedPool = (limit: number): BoundedPool => {
  let active = 0;
  const waiting: Array<() => void> = [];
  let idle: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  // A function, so the checks after an await see what a task set meanwhile.
  const failed = () => failure;
  const release = () => {
    const next = waiting.shift();
    // The slot passes straight to the next waiting task.
    if (next) return next();
    active -= 1;
    if (active === 0) idle?.();
  };
  return {
    async run(task) {
      const before = failed();
      if (before) throw before.error;
      if (active < limit) active += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      const meanwhile = failed();
      if (meanwhile) {
        release();
        throw meanwhile.error;
      }
      task()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(release);
    },
    async drain() {
      if (active > 0) await new Promise<void>((resolve) => (idle = resolve));
      const first = failed();
      if (first) throw first.error;
    },
  };
};

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; the local runtime and tests use it. */
export class VirtualClock implements Clock {
  #ms: number;

  constructor(start: Date) {
    this.#ms = start.getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  set(instant: Date): void {
    if (instant.getTime() < this.#ms) throw new RangeError('A virtual clock never moves backwards');
    this.#ms = instant.getTime();
  }
}

import { describe, expect, it } from 'vitest';
import type { DeadLetter, DeadLetterStore } from '../../../functions/ingest/dead-letters.js';
import { withDeadLetter } from '../../../functions/ingest/with-dead-letter.js';
import { VirtualClock } from '../../../functions/shared/clock.js';
import { InvalidEventError } from '../../../functions/shared/errors.js';
import { MemoryLog } from '../../../functions/shared/logger.js';

class FakeDeadLetters implements DeadLetterStore {
  readonly kept: DeadLetter[] = [];
  async record(deadLetter: DeadLetter) {
    this.kept.push(deadLetter);
  }
  async list() {
    return [...this.kept].reverse();
  }
}

const setup = () => {
  const deadLetters = new FakeDeadLetters();
  const deps = {
    deadLetters,
    clock: new VirtualClock(new Date('2025-03-01T10:00:00Z')),
    log: new MemoryLog(),
  };
  return { deadLetters, deps };
};

describe('withDeadLetter', () => {
  it('keeps a malformed event with its reason, function and time, and returns normally', async () => {
    const { deadLetters, deps } = setup();
    const handler = withDeadLetter('cart-events', deps, async () => {
      throw new InvalidEventError('detail.subtotal: must not be negative');
    });

    await expect(handler({ id: 'e-1' })).resolves.toBeUndefined();

    expect(deadLetters.kept).toEqual([
      {
        event: { id: 'e-1' },
        reason: 'detail.subtotal: must not be negative',
        function: 'cart-events',
        at: '2025-03-01T10:00:00.000Z',
      },
    ]);
  });

  it('rethrows a transient failure so the platform retries, and keeps no dead letter', async () => {
    const { deadLetters, deps } = setup();
    const handler = withDeadLetter('cart-events', deps, async () => {
      throw new Error('ProvisionedThroughputExceeded');
    });

    await expect(handler({ id: 'e-2' })).rejects.toThrow('ProvisionedThroughputExceeded');

    expect(deadLetters.kept).toEqual([]);
  });

  it('passes the result of a successful run through', async () => {
    const { deps } = setup();

    const result = await withDeadLetter('order-events', deps, async () => 'done')({});

    expect(result).toBe('done');
  });
});

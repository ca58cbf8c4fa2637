import { randomUUID } from 'node:crypto';
import type { EventBridgeEnvelope } from '../functions/events/envelope.js';
import { NUDGE_SOURCE, type NudgeEvent } from '../functions/events/nudge-events.js';
import type { Bus } from '../functions/ports/bus.js';
import type { Clock } from '../functions/shared/clock.js';

/** The local bus for nudge's own events: keeps them for inspection and routes them like any event. */
export class LocalBus implements Bus {
  readonly #events: EventBridgeEnvelope[] = [];
  readonly #clock: Clock;
  readonly #route: (envelope: EventBridgeEnvelope) => void;

  constructor(clock: Clock, route: (envelope: EventBridgeEnvelope) => void) {
    this.#clock = clock;
    this.#route = route;
  }

  async publish(events: NudgeEvent[]): Promise<void> {
    for (const event of events) {
      const envelope: EventBridgeEnvelope = {
        version: '0',
        id: randomUUID(),
        'detail-type': event.detailType,
        source: NUDGE_SOURCE,
        account: '000000000000',
        time: this.#clock.now().toISOString(),
        region: 'local',
        resources: [],
        detail: event.detail,
      };
      this.#events.push(envelope);
      this.#route(envelope);
    }
  }

  list(): EventBridgeEnvelope[] {
    return [...this.#events];
  }
}

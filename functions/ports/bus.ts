import type { NudgeEvent } from '../events/nudge-events.js';

export interface Bus {
  publish(events: NudgeEvent[]): Promise<void>;
}

import type { NudgeEvent } from '../../../functions/events/nudge-events.js';
import type { Bus } from '../../../functions/ports/bus.js';
import type { ScheduledJob, Scheduler } from '../../../functions/ports/scheduler.js';

export class RecordingBus implements Bus {
  readonly events: NudgeEvent[] = [];
  async publish(events: NudgeEvent[]): Promise<void> {
    this.events.push(...events);
  }
  of(detailType: NudgeEvent['detailType']): Array<Record<string, unknown>> {
    return this.events.filter((event) => event.detailType === detailType).map((event) => event.detail);
  }
}

export class RecordingScheduler implements Scheduler {
  readonly schedules = new Map<string, { at: Date; job: ScheduledJob }>();
  async scheduleAt(name: string, at: Date, job: ScheduledJob): Promise<void> {
    if (!this.schedules.has(name)) this.schedules.set(name, { at, job });
  }
  async cancel(name: string): Promise<void> {
    this.schedules.delete(name);
  }
}

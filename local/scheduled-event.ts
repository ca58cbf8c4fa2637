import { randomUUID } from 'node:crypto';

/** The event an EventBridge schedule rule sends its target; `time` names the run. */
export const scheduledEvent = (at: Date, rule: string) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: at.toISOString(),
  region: 'local',
  resources: [`local:rule/${rule}`],
  detail: {},
});

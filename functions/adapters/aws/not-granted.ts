import type { Bus } from '../../ports/bus.js';
import type { Mailer } from '../../ports/mailer.js';
import type { Scheduler } from '../../ports/scheduler.js';

/**
 * A port the function's `FunctionSpec` does not grant (its role could not call the service
 * anyway). Using it is a wiring bug, so it throws and the platform keeps the event.
 */
export class PortNotGrantedError extends Error {
  override name = 'PortNotGrantedError';
  constructor(port: string) {
    super(
      `This function was built without the ${port} adapter; give it one in its entry (functions/handlers/)`,
    );
  }
}

const refuse = (port: string) => async (): Promise<never> => {
  throw new PortNotGrantedError(port);
};

export const mailerNotGranted: Mailer = { send: refuse('mailer') };
export const schedulerNotGranted: Scheduler = {
  scheduleAt: refuse('scheduler'),
  cancel: refuse('scheduler'),
};
export const busNotGranted: Bus = { publish: refuse('bus') };

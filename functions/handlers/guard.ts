import { awsDeps } from '../adapters/aws/aws-deps.js';
import { createGuardHandler } from '../guard/guard.js';

export const handler = createGuardHandler(awsDeps());

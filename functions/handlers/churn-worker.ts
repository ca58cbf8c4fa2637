import { awsDeps } from '../adapters/aws/aws-deps.js';
import { createChurnWorkerHandler } from '../churn/scoring-worker.js';

export const handler = createChurnWorkerHandler(awsDeps());

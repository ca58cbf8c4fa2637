import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamo/dynamodb-local.js';

/** One DynamoDB Local for the whole run; each test file makes its own tables (see dynamo.ts). */
export default async function setup(project: TestProject) {
  const existing = process.env.DYNAMODB_ENDPOINT;
  if (existing) {
    project.provide('dynamoEndpoint', existing);
    return;
  }
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

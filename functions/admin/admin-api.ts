import type { RouterRequest, RouterResponse } from '../adapters/aws/http-api-event.js';
import type { Deps } from '../shared/deps.js';
import { type AdminRequest, createAdminRouter, errorResponse } from './router.js';

/**
 * The admin API behind API Gateway (IAM-authorized): the same router the local runtime serves,
 * with JSON bodies parsed the same way. Byte bodies are sent as text by the HTTP API adapter.
 */
export const createAdminApiHandler = (deps: Deps): ((request: RouterRequest) => Promise<RouterResponse>) => {
  const router = createAdminRouter(deps);
  return async (request) => {
    let body: unknown = request.body && request.body.length > 0 ? request.body : undefined;
    if (typeof body === 'string' && (request.headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(body);
      } catch {
        return errorResponse(400, 'invalid_json', 'The request body is not valid JSON.');
      }
    }
    const adminRequest: AdminRequest = { ...request, body };
    const response = await router(adminRequest);
    return response.body instanceof Uint8Array
      ? { ...response, body: Buffer.from(response.body).toString('utf8') }
      : response;
  };
};

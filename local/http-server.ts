import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AdminRequest, AdminResponse, AdminRouter } from '../functions/admin/router.js';
import type { PutEventsAnswer } from './put-events.js';

export interface HttpServerDeps {
  putEvents(body: unknown): PutEventsAnswer;
  router: AdminRouter;
  /** When set, `/api/*` needs `Authorization: Bearer <token>`. */
  adminToken?: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body over 1 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const send = (response: ServerResponse, answer: AdminResponse) => {
  const isText = typeof answer.body === 'string' || answer.body instanceof Uint8Array;
  const payload = isText ? (answer.body as string | Uint8Array) : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...(isText ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...answer.headers,
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
};

const errorAnswer = (status: number, code: string, message: string): AdminResponse => ({
  status,
  headers: {},
  body: { error: { code, message } },
});

const hasToken = (header: string | undefined, token: string): boolean => {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

const headersOf = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );

const awsJson = (status: number, body: unknown, errorType?: string): AdminResponse => ({
  status,
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': crypto.randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  },
  body: JSON.stringify(body),
});

const handle = async (deps: HttpServerDeps, request: IncomingMessage): Promise<AdminResponse> => {
  const url = new URL(request.url ?? '/', 'http://local');
  const headers = headersOf(request);
  let text: string;
  try {
    text = await readBody(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return errorAnswer(413, 'body_too_large', error.message);
    throw error;
  }

  const target = headers['x-amz-target'];
  if (request.method === 'POST' && target) {
    if (target !== 'AWSEvents.PutEvents') {
      const body = { __type: 'UnknownOperationException', message: `${target} is not supported locally` };
      return awsJson(400, body, body.__type);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const body = { __type: 'SerializationException', message: 'The request body is not JSON.' };
      return awsJson(400, body, body.__type);
    }
    const answer = deps.putEvents(parsed);
    return awsJson(answer.status, answer.body, answer.status === 400 ? answer.body.__type : undefined);
  }

  if (
    url.pathname.startsWith('/api/') &&
    deps.adminToken &&
    !hasToken(headers.authorization, deps.adminToken)
  ) {
    return errorAnswer(401, 'unauthorized', 'Send Authorization: Bearer <NUDGE_ADMIN_TOKEN>.');
  }
  let body: unknown = text.length > 0 ? text : undefined;
  if (text.length > 0 && (headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      return errorAnswer(400, 'invalid_json', 'The request body is not valid JSON.');
    }
  }
  const adminRequest: AdminRequest = {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
  };
  return deps.router(adminRequest);
};

/** node:http in front of PutEvents and the admin router; answers 503 until the runtime is ready. */
export const createRequestListener =
  (deps: () => HttpServerDeps | undefined, onError: (error: unknown) => void): RequestListener =>
  (request, response) => {
    const ready = deps();
    if (!ready) {
      send(response, errorAnswer(503, 'starting', 'nudge is still starting.'));
      return;
    }
    handle(ready, request).then(
      (answer) => send(response, answer),
      (error: unknown) => {
        onError(error);
        send(response, errorAnswer(500, 'internal', 'The request failed; see the logs.'));
      },
    );
  };

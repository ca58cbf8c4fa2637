import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';

/** The part of an API Gateway HTTP API (payload v2.0) event that the plain routers need. */
export const httpApiEventSchema = lazy(() =>
  z.object({
    rawPath: z.string(),
    rawQueryString: z._default(z.string(), ''),
    headers: z._default(z.record(z.string(), z.string()), {}),
    cookies: z.optional(z.array(z.string())),
    body: z.optional(z.string()),
    isBase64Encoded: z._default(z.boolean(), false),
    requestContext: z.object({ http: z.object({ method: z.string() }) }),
  }),
);

export interface RouterRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface RouterResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export const fromHttpApiEvent = (event: unknown): RouterRequest => {
  const parsed = httpApiEventSchema().parse(event);
  const headers = Object.fromEntries(
    Object.entries(parsed.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  if (parsed.cookies?.length) headers.cookie = parsed.cookies.join('; ');
  const body =
    parsed.body === undefined || !parsed.isBase64Encoded
      ? parsed.body
      : Buffer.from(parsed.body, 'base64').toString('utf8');
  return {
    method: parsed.requestContext.http.method.toUpperCase(),
    path: parsed.rawPath,
    query: Object.fromEntries(new URLSearchParams(parsed.rawQueryString)),
    headers,
    body,
  };
};

export const toHttpApiResult = (response: RouterResponse): HttpApiResult => {
  const headers = { ...(response.headers ?? {}) };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (typeof response.body === 'string' || response.body === undefined) {
    return { statusCode: response.status, headers, body: response.body ?? '', isBase64Encoded: false };
  }
  if (!hasContentType) headers['content-type'] = 'application/json; charset=utf-8';
  return {
    statusCode: response.status,
    headers,
    body: JSON.stringify(response.body),
    isBase64Encoded: false,
  };
};

/** Wraps a plain router as an HTTP API Lambda handler. */
export const httpApiHandler =
  (route: (request: RouterRequest) => Promise<RouterResponse>) =>
  async (event: unknown): Promise<HttpApiResult> =>
    toHttpApiResult(await route(fromHttpApiEvent(event)));

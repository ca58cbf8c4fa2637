import { describe, expect, it } from 'vitest';
import {
  fromHttpApiEvent,
  httpApiHandler,
  type RouterRequest,
  toHttpApiResult,
} from '../../../functions/adapters/aws/http-api-event.js';

/** An API Gateway HTTP API payload 2.0 event, trimmed to real fields. */
const oneClickUnsubscribe = {
  version: '2.0',
  routeKey: 'POST /unsubscribe',
  rawPath: '/unsubscribe',
  rawQueryString: 'token=abc.def&lang=zh-CN',
  cookies: ['a=1', 'b=2'],
  headers: {
    'Content-Type': 'application/x-www-form-urlencoded',
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
  },
  queryStringParameters: { token: 'abc.def', lang: 'zh-CN' },
  requestContext: {
    accountId: '111122223333',
    apiId: 'abc123',
    domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    http: {
      method: 'POST',
      path: '/unsubscribe',
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.9',
      userAgent: 'Mail',
    },
    requestId: 'req-1',
    routeKey: 'POST /unsubscribe',
    stage: '$default',
    time: '01/Mar/2025:10:00:00 +0000',
    timeEpoch: 1740823200000,
  },
  body: Buffer.from('List-Unsubscribe=One-Click').toString('base64'),
  isBase64Encoded: true,
};

describe('HTTP API adapter', () => {
  it('turns an HTTP API event into the plain router request', () => {
    const request = fromHttpApiEvent(oneClickUnsubscribe);

    expect(request).toEqual({
      method: 'POST',
      path: '/unsubscribe',
      query: { token: 'abc.def', lang: 'zh-CN' },
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'abc123.execute-api.eu-west-1.amazonaws.com',
        cookie: 'a=1; b=2',
      },
      body: 'List-Unsubscribe=One-Click',
    });
  });

  it('keeps a plain-text body as it came and leaves a missing one missing', () => {
    const withText = fromHttpApiEvent({
      ...oneClickUnsubscribe,
      body: '{"state":"paused"}',
      isBase64Encoded: false,
    });
    const withoutBody = fromHttpApiEvent({ ...oneClickUnsubscribe, body: undefined, isBase64Encoded: false });

    expect(withText.body).toBe('{"state":"paused"}');
    expect(withoutBody.body).toBeUndefined();
  });

  it('serialises an object body as JSON with a JSON content type', () => {
    const result = toHttpApiResult({
      status: 400,
      body: { error: { code: 'bad_scope', message: 'Unknown scope' } },
    });

    expect(result).toEqual({
      statusCode: 400,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"error":{"code":"bad_scope","message":"Unknown scope"}}',
      isBase64Encoded: false,
    });
  });

  it('passes a string body and its headers through untouched', () => {
    const result = toHttpApiResult({
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: '<h1>Done</h1>',
    });

    expect(result).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'text/html' },
      body: '<h1>Done</h1>',
      isBase64Encoded: false,
    });
  });

  it('wraps a router as a Lambda handler', async () => {
    const seen: RouterRequest[] = [];
    const handler = httpApiHandler(async (request) => {
      seen.push(request);
      return { status: 204 };
    });

    const result = await handler(oneClickUnsubscribe);

    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /unsubscribe']);
    expect(result).toMatchObject({ statusCode: 204, body: '' });
  });

  it('rejects an event that is not an HTTP API event', () => {
    expect(() => fromHttpApiEvent({ detail: {} })).toThrow(/rawPath/);
  });
});

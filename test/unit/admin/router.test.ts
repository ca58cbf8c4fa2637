import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type AdminRequest,
  createRouter,
  HttpError,
  json,
  type Route,
} from '../../../functions/admin/router.js';

const request = (method: string, path: string, body?: unknown): AdminRequest => ({
  method,
  path,
  query: {},
  headers: {},
  body,
});

const routes: Route[] = [
  { method: 'GET', path: '/api/campaigns/:id', handle: async ({ params }) => json({ id: params.id }) },
  {
    method: 'PUT',
    path: '/api/switches/:scope',
    handle: async ({ body }) => json(z.object({ state: z.enum(['active', 'paused']) }).parse(body)),
  },
  {
    method: 'POST',
    path: '/api/teapot',
    handle: async () => {
      throw new HttpError(409, 'conflict', 'already brewing');
    },
  },
];

describe('admin router', () => {
  it('matches a route by method and path and hands it the decoded parameters', async () => {
    const response = await createRouter(routes)(request('GET', '/api/campaigns/cart%3Arecall'));

    expect(response).toMatchObject({ status: 200, body: { id: 'cart:recall' } });
  });

  it('answers 404 with an error object for an unknown path, and 405 for a known path with the wrong method', async () => {
    const router = createRouter(routes);

    const missing = await router(request('GET', '/api/nothing'));
    const wrongMethod = await router(request('DELETE', '/api/campaigns/x'));

    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: { code: 'method_not_allowed' } } });
  });

  it('turns an invalid body into a 400 that names the field', async () => {
    const response = await createRouter(routes)(request('PUT', '/api/switches/global', { state: 'off' }));

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringMatching(/^state: /) },
    });
  });

  it('answers an HttpError with its status and code', async () => {
    const response = await createRouter(routes)(request('POST', '/api/teapot'));

    expect(response).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', message: 'already brewing' } },
    });
  });
});

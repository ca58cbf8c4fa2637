import type { Deps } from '../shared/deps.js';
import * as z from '../shared/zod.js';
import { unsubscribeRoutes } from '../unsubscribe/unsubscribe-routes.js';
import { campaignRoutes } from './routes/campaigns.js';
import { churnRoutes } from './routes/churn.js';
import { couponRoutes } from './routes/coupons.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { deadLetterRoutes } from './routes/dead-letters.js';
import { ruleVersionRoutes } from './routes/rule-versions.js';
import { rulesRoutes } from './routes/rules.js';
import { switchRoutes } from './routes/switches.js';

export interface AdminRequest {
  method: string;
  /** Without the query string, e.g. `/api/dead-letters`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body was not JSON, or undefined when empty. */
  body: unknown;
}

export interface AdminResponse {
  status: number;
  headers: Record<string, string>;
  /** A string or bytes are sent as they are (set `content-type`); anything else is sent as JSON. */
  body: unknown;
}

export type RouteRequest = AdminRequest & { params: Record<string, string> };

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Segments starting with `:` are parameters, e.g. `/api/campaigns/:id`. */
  path: string;
  handle(request: RouteRequest): Promise<AdminResponse>;
}

/** A route module: the routes of one area, built from the shared dependencies. */
export type RouteModule = (deps: Deps) => Route[];

/** Every area's routes. Adding an area is one line here. */
export const routeModules: RouteModule[] = [
  deadLetterRoutes,
  churnRoutes,
  dashboardRoutes,
  rulesRoutes,
  ruleVersionRoutes,
  unsubscribeRoutes,
  switchRoutes,
  campaignRoutes,
  couponRoutes,
];

/** A caller's mistake (4xx) or a known server condition, answered as `{ error: { code, message } }`. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const json = (body: unknown, status = 200): AdminResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});

export const errorResponse = (status: number, code: string, message: string): AdminResponse =>
  json({ error: { code, message } }, status);

const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const expected = pattern.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return params;
};

export type AdminRouter = (request: AdminRequest) => Promise<AdminResponse>;

/** The admin API as one function; the Lambda and the local HTTP server adapt their requests to it. */
export const createRouter = (routes: Route[], log?: Deps['log']): AdminRouter => {
  return async (request) => {
    const candidates = routes
      .map((route) => ({ route, params: matchPath(route.path, request.path) }))
      .filter((match) => match.params !== undefined);
    const match = candidates.find((candidate) => candidate.route.method === request.method.toUpperCase());
    if (!match) {
      return candidates.length > 0
        ? errorResponse(405, 'method_not_allowed', `${request.method} is not allowed on ${request.path}`)
        : errorResponse(404, 'not_found', `No route for ${request.method} ${request.path}`);
    }
    try {
      return await match.route.handle({ ...request, params: match.params ?? {} });
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
      if (error instanceof z.$ZodError) {
        const problems = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
        return errorResponse(400, 'invalid_request', problems.join('; '));
      }
      log?.error('admin route failed', { path: request.path, error: String(error) });
      return errorResponse(500, 'internal', 'The request failed; see the logs.');
    }
  };
};

export const createAdminRouter = (deps: Deps, extraRoutes: Route[] = []): AdminRouter =>
  createRouter([...routeModules.flatMap((module) => module(deps)), ...extraRoutes], deps.log);

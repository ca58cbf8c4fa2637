import { dashboardAssets } from '../dashboard-assets.js';
import type { AdminResponse, Route } from '../router.js';

/** Nothing from elsewhere: no inline script or style, no remote asset, no framing of the dashboard. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const serve = (name: string): AdminResponse => {
  const asset = dashboardAssets[name];
  if (!asset) throw new Error(`dashboard asset ${name} is not embedded`);
  return {
    status: 200,
    headers: {
      'content-type': asset.contentType,
      'content-security-policy': DASHBOARD_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    },
    body: asset.body,
  };
};

/** `GET /` and `GET /dashboard/<file>`: the dashboard, from the files embedded at build time. */
export const dashboardRoutes = (): Route[] => [
  { method: 'GET', path: '/', handle: async () => serve('index.html') },
  ...Object.keys(dashboardAssets).map(
    (name): Route => ({ method: 'GET', path: `/dashboard/${name}`, handle: async () => serve(name) }),
  ),
];
